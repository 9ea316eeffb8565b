package io.shopstreams.shopctl.replay;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.shopstreams.service.replay.StateRebuilder;
import io.shopstreams.service.replay.StoreFold;
import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.cli.InstantConverter;
import io.shopstreams.shopctl.cli.ProgressDisplay;
import io.shopstreams.shopctl.kafka.KafkaClients;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shopctl replay cart|order}: the full rebuild of a stopped service from its event topics (docs/contract.md,
 * section 5, through {@link StateRebuilder}), or with {@code --until} the state of every aggregate at a point in
 * time, written as JSON lines without touching the service (see {@link PointInTimeWriter}).
 */
@Command(name = "replay",
        description = {"Rebuild a stopped service's state from the event topics alone: waits (bounded) until no "
                + "instance of the service is running, folds the events, wipes and rewrites the changelogs of its "
                + "stores and raises its rebuild epoch. Re-processes no command, emits no event.",
                "With --until: writes every aggregate's state as of that moment as JSON lines instead, "
                        + "without touching the service."},
        footer = {"", "Exit codes: 0 done, 1 the service still runs or Kafka failed, 2 bad usage."})
public final class ReplayCommand implements Callable<Integer> {
    private static final long DEFAULT_GROUP_WAIT_SECONDS = 60;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SERVICE", converter = ReplayTarget.Converter.class, description = "cart or order.")
    private ReplayTarget target;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "The service's application.id (default: cart-stream or order-stream).")
    private String applicationId;

    @Option(names = "--group-wait-seconds", paramLabel = "S",
            description = "How long to wait for the service's instances to leave its group (default: "
                    + DEFAULT_GROUP_WAIT_SECONDS + ").")
    private Long groupWaitSeconds;

    @Option(names = "--until", paramLabel = "TIMESTAMP", converter = InstantConverter.class,
            description = "Point in time: fold only events up to this record timestamp (ISO-8601 instant, e.g. "
                    + "2026-11-26T12:00:00Z, or epoch millis); needs --output.")
    private Instant until;

    @Option(names = "--output", paramLabel = "FILE",
            description = "With --until: where to write the states, one JSON object per line ('-': stdout).")
    private String output;

    @Mixin
    private KafkaOptions kafka;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        return until == null ? rebuild() : pointInTime();
    }

    private void validate() {
        if (until != null && output == null) {
            throw usage("--until needs --output FILE (or --output - for stdout)");
        }
        if (until == null && output != null) {
            throw usage("--output goes with --until; a full rebuild writes to the changelog topics");
        }
        if (until != null && groupWaitSeconds != null) {
            throw usage("--group-wait-seconds applies to a full rebuild; --until does not touch the service");
        }
        if (groupWaitSeconds != null && groupWaitSeconds < 0) {
            throw usage("--group-wait-seconds must not be negative, got " + groupWaitSeconds);
        }
        if (applicationId != null && applicationId.isBlank()) {
            throw usage("--application-id must not be blank");
        }
    }

    private int rebuild() throws InterruptedException {
        String application = applicationId == null ? target.service() : applicationId;
        Duration groupWait = Duration.ofSeconds(groupWaitSeconds == null ? DEFAULT_GROUP_WAIT_SECONDS : groupWaitSeconds);
        ProgressDisplay progress = ProgressDisplay.on(spec.commandLine().getErr(), "events");
        StateRebuilder.Summary summary;
        try (StoreFold fold = target.fold(Long.MAX_VALUE); Admin admin = KafkaClients.admin(kafka)) {
            fold.sourceTopics().forEach(topic -> KafkaClients.requireTopic(admin, topic, kafka.bootstrapServers()));
            summary = new StateRebuilder(admin, KafkaClients.config(kafka), groupWait, progress)
                    .rebuild(application, target.stores(), fold);
        } catch (StateRebuilder.RebuildException e) {
            throw CliFailure.failure(e.getMessage(), e);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unreachable(kafka.bootstrapServers());
        } finally {
            progress.finish();
        }
        printSummary(application, summary);
        return ExitCodes.OK;
    }

    private void printSummary(String application, StateRebuilder.Summary summary) {
        PrintWriter out = spec.commandLine().getOut();
        long entries = summary.entriesByStore().values().stream().mapToLong(Long::longValue).sum();
        out.println("rebuilt " + application + " from " + summary.eventsRead() + " events in "
                + seconds(summary.elapsed()) + ": " + entries + " store entries, new rebuild epoch "
                + summary.epoch());
        for (String store : target.stores()) {
            out.println("  " + store + ": " + summary.entriesByStore().getOrDefault(store, 0L) + " entries");
        }
        out.println("  took: folding " + seconds(summary.folding()) + ", wiping the changelogs "
                + seconds(summary.wiping()) + ", writing them " + seconds(summary.writing()));
        out.println("instances of " + application + " discard local state from before epoch " + summary.epoch()
                + " when they start");
        out.flush();
    }

    private int pointInTime() {
        PrintWriter err = spec.commandLine().getErr();
        ProgressDisplay progress = ProgressDisplay.on(err, "events");
        PointInTimeWriter.Result result;
        try (Admin admin = KafkaClients.admin(kafka);
             PointInTimeWriter writer = PointInTimeWriter.open(output, spec.commandLine().getOut());
             StoreFold fold = target.fold(until.toEpochMilli())) {
            fold.sourceTopics().forEach(topic -> KafkaClients.requireTopic(admin, topic, kafka.bootstrapServers()));
            result = writer.write(fold, until, KafkaClients.config(kafka), progress);
            progress.complete();
        } catch (UncheckedIOException e) {
            throw CliFailure.failure("cannot write " + output + ": " + e.getCause().getMessage(), e);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unreachable(kafka.bootstrapServers());
        } finally {
            progress.finish();
        }
        // With --output - the states are on stdout: the summary must not mix with them.
        PrintWriter summary = PointInTimeWriter.STDOUT.equals(output) ? err : spec.commandLine().getOut();
        summary.println(result.states() + " " + target.service() + " state(s) as of " + until + " written to "
                + (PointInTimeWriter.STDOUT.equals(output) ? "stdout" : output) + " (" + result.folded() + " of "
                + result.read() + " events up to then)");
        summary.flush();
        return ExitCodes.OK;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
