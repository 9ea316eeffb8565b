package io.shopstreams.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one run: printed at the end ({@link #toText()}) and written as JSON ({@link #toJson()}).
 *
 * @param sessionTimeoutMillis the services' {@code SESSION_TIMEOUT_MS} in the run
 * @param brokerSessionTimeoutMillis the brokers' {@code broker.session.timeout.ms}; 0 for Kafka's default
 * @param serviceEnv          further environment the services ran with
 * @param brokerConfig        further properties the brokers ran with
 * @param dedicatedControllers whether the KRaft controllers ran apart from the brokers
 * @param kafkaNice           the brokers' and controllers' {@code nice} level
 * @param restartToReadyMedianMillis over the service restarts; -1 without one
 * @param longestStallMillis  per service: longest time with commands waiting and nothing committed
 * @param digestsEqual        per service: whether {@code /admin/digest} was the same on both instances at the end
 * @param hangingTransactions transactions left open on a partition long after any could time out, found and
 *                            aborted while draining (see {@link HangingTransactions})
 */
record ChaosReport(long durationSeconds, int rate, long seed, long sessionTimeoutMillis,
                   long brokerSessionTimeoutMillis, Map<String, String> serviceEnv, Map<String, String> brokerConfig,
                   boolean dedicatedControllers, int kafkaNice, long recordsSent, long resends, long malformed, long sendFailures,
                   List<FaultResult> faults, LogVerdict log, ProbeCheck.Result probe,
                   Map<String, Boolean> digestsEqual, long restartToReadyMedianMillis, long restartToReadyMaxMillis,
                   long takeoverMaxMillis, Map<String, Long> longestStallMillis, List<String> hangingTransactions) {

    /** The checks that hold today and must always hold: nothing lost, nothing doubled, every dead letter, the saga. */
    boolean exactlyOnceHolds() {
        return log.lost() == 0 && log.duplicated() == 0 && log.deadLettersFound() == log.deadLettersExpected()
                && log.deadLetterHeaderMismatches() == 0 && log.duplicateEventIds() == 0
                && log.versionViolations() == 0 && log.sagaViolations() == 0;
    }

    String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }

    String toText() {
        StringBuilder text = new StringBuilder();
        line(text, "load", "%d s at %d records/s, seed %d: %d records (%d re-sends, %d malformed), %d sends failed;"
                        + " services' session timeout %d ms, brokers' %s; %s", durationSeconds, rate, seed, recordsSent,
                resends, malformed, sendFailures, sessionTimeoutMillis,
                brokerSessionTimeoutMillis == 0 ? "Kafka's default" : brokerSessionTimeoutMillis + " ms",
                dedicatedControllers ? "3 dedicated controllers" : "the brokers are the controllers");
        if (kafkaNice != 0) {
            line(text, "kafka nice", "brokers and controllers at nice %d", kafkaNice);
        }
        if (!serviceEnv.isEmpty() || !brokerConfig.isEmpty()) {
            line(text, "settings", "services %s, brokers %s", new TreeMap<>(serviceEnv),
                    new TreeMap<>(brokerConfig));
        }
        line(text, "commands", "%d acknowledged: %d lost, %d duplicated (%d never acknowledged)", log.commands(),
                log.lost(), log.duplicated(), log.unacknowledged());
        line(text, "dead letters", "%d of %d found with their original bytes (%d with another code or source, %d unexpected)",
                log.deadLettersFound(), log.deadLettersExpected(), log.deadLetterHeaderMismatches(),
                log.unexpectedDeadLetters());
        line(text, "log", "%d duplicate eventIds, %d version gaps or repeats", log.duplicateEventIds(),
                log.versionViolations());
        line(text, "saga", "%d checkouts, %d orders rejected, %d violations", log.checkouts(), log.orderRejections(),
                log.sagaViolations());
        line(text, "digests", "%s", digestsEqual);
        line(text, "probe", "%d GETs, %.2f %% answered within 1 s, %d 503s, %d wrong answers", probe.probes(),
                probe.availabilityPercent(), probe.unavailable(), probe.wrong());
        line(text, "restart-to-ready", "median %d ms, max %d ms", restartToReadyMedianMillis, restartToReadyMaxMillis);
        line(text, "takeover", "max %d ms (all partitions committing again after a kill)", takeoverMaxMillis);
        line(text, "longest stall", "%s ms", longestStallMillis);
        line(text, "hanging txns", "%d found and aborted%s", hangingTransactions.size(),
                hangingTransactions.isEmpty() ? "" : " (each held back every read_committed reader and restore)");
        hangingTransactions.forEach(txn -> line(text, "  aborted", "%s", txn));
        line(text, "faults", "%d injected", faults.size());
        for (FaultResult fault : faults) {
            line(text, "  " + fault.kind(), "%s at %d s: out %d ms, ready %d ms, takeover %d ms, dip %d %%, recovery %d ms",
                    fault.target(), fault.atSecond(), fault.outageMillis(), fault.restartToReadyMillis(),
                    fault.takeoverMillis(), fault.dipPercent(), fault.recoveryMillis());
            if (!fault.partitionTakeoverMillis().isEmpty()) {
                line(text, "", "takeover per partition %s ms", fault.partitionTakeoverMillis());
            }
        }
        log.samples().forEach(sample -> line(text, "  violation", "%s", sample));
        probe.samples().forEach(sample -> line(text, "  wrong answer", "%s", sample));
        probe.unansweredSamples().forEach(sample -> line(text, "  not in 1 s", "%s", sample));
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String format, Object... args) {
        text.append(String.format(Locale.ROOT, "%-18s " + format + "%n", prepend(label, args)));
    }

    private static Object[] prepend(String label, Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = label;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
