package io.shopstreams.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what a run collected into its {@link ChaosReport}. */
final class Figures {
    private Figures() {
    }

    static ChaosReport report(ChaosOptions options, long produced, SentLog sent, EventLog log,
                              List<ProbeAnswer> answers, List<FaultInjector.Injected> injected,
                              Map<String, Boolean> digests, StallMeter stalls, long loadStart, int partitions,
                              List<String> hangingTransactions) {
        CommitTimeline timeline = log.timeline();
        // Up to the end of the load: the rate falls to nothing after it, which is no dip of a late fault.
        long loadEnd = Math.min(Monotonic.millis(), loadStart + options.duration().toMillis());
        long[] perSecond = timeline.perSecond((int) ((loadEnd - timeline.origin()) / 1000) + 1);
        List<FaultResult> faults = new ArrayList<>();
        List<Long> restarts = new ArrayList<>();
        long takeoverMax = 0;
        for (FaultInjector.Injected fault : injected) {
            int second = (int) ((fault.atMillis - timeline.origin()) / 1000);
            long takeover = -1;
            List<Long> perPartition = List.of();
            if (fault.fault.kind() == Fault.Kind.SERVICE_KILL) {
                Service service = fault.target.startsWith("cart") ? Service.CART : Service.ORDER;
                long[] moved = timeline.partitionsMovedAfter(service, partitions, fault.atMillis, fault.atEpochMillis);
                takeover = CommitTimeline.whenAllMoved(moved);
                perPartition = Arrays.stream(moved).boxed().toList();
                restarts.add(fault.restartToReadyMillis);
                takeoverMax = takeover < 0 || takeoverMax < 0 ? -1 : Math.max(takeoverMax, takeover);
            }
            faults.add(new FaultResult(fault.fault.kind().name(), fault.target, (fault.atMillis - loadStart) / 1000,
                    fault.outageMillis, fault.restartToReadyMillis, takeover, Throughput.dipPercent(perSecond, second),
                    Throughput.recoveryMillis(perSecond, second), perPartition));
        }
        restarts.sort(null);
        boolean neverReady = restarts.contains(-1L);
        long median = restarts.isEmpty() ? -1 : neverReady ? -1 : restarts.get(restarts.size() / 2);
        long max = restarts.isEmpty() || neverReady ? -1 : restarts.get(restarts.size() - 1);
        Map<String, Long> longestStall = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            longestStall.put(service.label(), stalls.longestMillis(service));
        }
        return new ChaosReport(options.duration().toSeconds(), options.rate(), options.seed(),
                options.settings().sessionTimeout().toMillis(), options.settings().brokerSessionTimeout().toMillis(),
                options.settings().serviceEnv(), options.settings().brokerConfig(),
                options.settings().dedicatedControllers(), options.settings().kafkaNice(), produced,
                sent.ackedResends(), sent.malformed().size(), sent.failedSends(), faults, LogCheck.check(sent, log),
                ProbeCheck.check(answers, log), digests, median, max, takeoverMax, longestStall,
                hangingTransactions);
    }
}
