package io.shopstreams.shopctl.audit;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.shopstreams.service.replay.EventLogReader;
import io.shopstreams.shopctl.audit.AuditReport;
import io.shopstreams.shopctl.audit.Auditor;
import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.cli.ProgressDisplay;
import io.shopstreams.shopctl.kafka.KafkaClients;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code shopctl audit}: reads the command, event and dead-letter topics to their current end (committed records
 * only) and checks the system's invariants with {@link Auditor}; prints what it read and every violation, one
 * line each, and exits 1 when there is any.
 */
@Command(name = "audit",
        description = {"Check the invariants across topics: every checkout exactly one order answer, every "
                + "rejection one reopen, versions without gaps or repeats, no eventId twice, every command one "
                + "outcome or one dead letter.",
                "Run it while the services are idle: a command still in flight has no outcome yet."},
        footer = {"", "Exit codes: 0 no violation, 1 a violation (or Kafka failed), 2 bad usage."})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Override
    public Integer call() {
        Auditor auditor = new Auditor();
        ProgressDisplay progress = ProgressDisplay.on(spec.commandLine().getErr(), "records");
        long read;
        try (Admin admin = KafkaClients.admin(kafka)) {
            Auditor.topics().forEach(topic -> KafkaClients.requireTopic(admin, topic, kafka.bootstrapServers()));
            read = new EventLogReader(KafkaClients.config(kafka)).readAll(Auditor.topics(), auditor::accept, progress);
            progress.complete();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unreachable(kafka.bootstrapServers());
        } finally {
            progress.finish();
        }
        return print(read, auditor.report());
    }

    private int print(long read, AuditReport report) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("audited " + read + " records (" + Auditor.topics().stream()
                .map(topic -> topic + " " + report.counts().getOrDefault(topic, 0L))
                .collect(Collectors.joining(", ")) + ")");
        out.println("  " + derived(report.counts(), Auditor.topics()));
        report.violations().forEach(violation -> out.println("violation: " + violation));
        out.println(report.ok() ? "audit: no violation" : "audit: " + report.violations().size() + " violation(s)");
        out.flush();
        if (report.ok()) {
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + report.violations().size() + " violation(s) (listed above)");
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** {@code name count, ...} of what the audit derived from the records (commands, checkouts, ...). */
    private static String derived(Map<String, Long> counts, List<String> topics) {
        return counts.entrySet().stream().filter(count -> !topics.contains(count.getKey()))
                .map(count -> count.getKey() + " " + count.getValue()).collect(Collectors.joining(", "));
    }
}
