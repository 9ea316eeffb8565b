package io.shopstreams.service;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at the instance every second through a {@link StallDetector}: feeds {@code /ready}, the
 * {@code shop_ready} gauge and {@code shop_stalls_total}, logs one line when readiness changes, and runs
 * {@code onFatalStall} once when a commit stall outlasts {@code STALL_EXIT_MS}. Ending the process there is
 * the default because a thread that stalled after Kafka Streams already replaced it (REPLACE_THREAD) is not
 * helped by another replacement inside the same client; a fresh process is, and with static membership it
 * takes its partitions back within seconds.
 */
final class ProcessingWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessingWatch.class);
    private static final String HEARTBEATS = "heartbeat-total";
    private static final String COORDINATOR_GROUP = "consumer-coordinator-metrics";
    private static final long FAILURE_MEMORY_MILLIS = 60_000;
    private static final long TOPIC_CHECK_MILLIS = 5_000;
    private static final long TOPIC_CHECK_READY_MILLIS = 30_000;

    private final KafkaStreams streams;
    private final RestoreTracker restores;
    private final StallDetector detector;
    private final Runnable onFatalStall;
    private final io.micrometer.core.instrument.Counter failures;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "processing-watch");
        thread.setDaemon(true);
        return thread;
    });
    private StallDetector.Verdict last = new StallDetector.Verdict(false, "starting", false);
    private boolean fatalRun;
    private final java.util.function.Supplier<Set<String>> missingTopics;
    private volatile Set<String> missing = Set.of();
    private long missingCheckedMillis;
    private final java.util.function.Supplier<Map<String, Uuid>> catalogIds;
    /** The catalog topics' ids the local state was built from (see {@link CatalogTopicIds}). */
    private final Map<String, Uuid> catalogIdsBuiltFrom = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Set<String> recreated = Set.of();
    private final boolean exitOnFatal;
    private volatile double heartbeats = -1;
    private volatile long heartbeatSeenMillis = System.currentTimeMillis();
    /** When answers came back after a silence long enough to have cost the group membership; 0: never. */
    private volatile long longSilenceEndedMillis;
    private final long silenceLimitMillis;
    private final long sessionTimeoutMillis;
    private volatile String lastFailure;
    private volatile long lastFailureMillis;

    /**
     * @param missingTopics which of the topics the topology reads or writes do not exist; may block a while
     * @param catalogIds    the ids of the catalog topics that exist now; may block a while
     */
    ProcessingWatch(KafkaStreams streams, RestoreTracker restores, RecoverySettings recovery,
                    java.util.function.Supplier<Set<String>> missingTopics,
                    java.util.function.Supplier<Map<String, Uuid>> catalogIds, MeterRegistry registry,
                    Runnable onFatalStall) {
        this.streams = streams;
        this.missingTopics = missingTopics;
        this.catalogIds = catalogIds;
        this.exitOnFatal = !recovery.stallExit().isZero();
        this.sessionTimeoutMillis = recovery.sessionTimeout().toMillis();
        // Heartbeats go every second (RecoverySettings), a sixth of the session timeout at most; half the session
        // timeout without an answer is a member the group may be about to remove, and the watch looks only once
        // a second.
        this.silenceLimitMillis = Math.max(sessionTimeoutMillis / 2, 5_000);
        this.restores = restores;
        this.detector = new StallDetector(recovery.stallTimeout(), recovery.stallExit(), recovery.sessionTimeout(),
                System::currentTimeMillis);
        this.onFatalStall = onFatalStall;
        registry.gauge("shop_ready", this, watch -> watch.lastVerdict().ready() ? 1 : 0);
        registry.more().counter("shop_stalls_total", java.util.List.of(), this, watch -> watch.stalls());
        this.failures = registry.counter("shop_stream_thread_failures_total");
    }

    /** From the uncaught-exception handler: the failure is named in the reasons for the next minute. */
    void threadFailed(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        lastFailure = root.getClass().getSimpleName() + ": " + root.getMessage();
        lastFailureMillis = System.currentTimeMillis();
        failures.increment();
    }

    /** The catalog topics' ids the local state was built from, known before Kafka Streams starts. */
    void catalogBuiltFrom(Map<String, Uuid> ids) {
        catalogIdsBuiltFrom.putAll(ids);
    }

    /**
     * Why only a new process can bring the instance back (a catalog topic recreated under it), or null. Such an
     * instance answers {@code /health} 503, so that a supervisor restarts it also with {@code STALL_EXIT_MS=0}.
     */
    String restartReason() {
        Set<String> topics = recreated;
        return topics.isEmpty() ? null : "catalog topics deleted and created again under the running instance: "
                + topics + "; only a restart reads them from their start (its local state is discarded)";
    }

    void start() {
        timer.scheduleWithFixedDelay(this::checkSafely, 1, 1, TimeUnit.SECONDS);
    }

    /** Checks now: {@code /ready} answers what the instance does at the moment it is asked. */
    synchronized StallDetector.Verdict check() {
        Collection<ThreadMetadata> threads = streams.metadataForLocalThreads();
        StallDetector.Verdict verdict = detector.check(new StallDetector.Signals(streams.state(), threads,
                !restores.progress().isEmpty(), heartbeatAgeMillis(threads)));
        // Also when Kafka Streams says RUNNING: a thread replaced after a write to a missing topic runs until its
        // next such write fails, and it would answer ready in between.
        if (!missing.isEmpty()) {
            verdict = new StallDetector.Verdict(false, (verdict.ready() ? "" : verdict.reason() + "; ")
                    + "missing topics: " + missing, verdict.fatal());
        }
        String restart = restartReason();
        if (restart != null) {
            verdict = new StallDetector.Verdict(false, (verdict.ready() ? "" : verdict.reason() + "; ") + restart,
                    verdict.fatal() || exitOnFatal);
        }
        if (!verdict.ready() && lastFailure != null
                && System.currentTimeMillis() - lastFailureMillis < FAILURE_MEMORY_MILLIS) {
            verdict = new StallDetector.Verdict(false, verdict.reason() + "; last stream-thread failure: " + lastFailure,
                    verdict.fatal());
        }
        if (verdict.ready() != last.ready()) {
            if (verdict.ready()) {
                LOG.info("ready: processing again");
            } else {
                LOG.warn("not ready: {}", verdict.reason());
            }
        }
        last = verdict;
        if (verdict.fatal() && !fatalRun) {
            fatalRun = true;
            LOG.error("processing stalled beyond STALL_EXIT_MS ({}); stopping the instance", verdict.reason());
            onFatalStall.run();
        }
        return verdict;
    }

    private synchronized StallDetector.Verdict lastVerdict() {
        return last;
    }

    private synchronized long stalls() {
        return detector.stalls();
    }

    private void checkSafely() {
        try {
            // Only here, off the HTTP threads, and at most every few seconds: listing topics takes a round trip.
            // Also while ready: a deleted catalog topic stops no stream thread (the global store keeps what it
            // has), so nothing else would tell.
            long now = System.currentTimeMillis();
            long interval = lastVerdict().ready() ? TOPIC_CHECK_READY_MILLIS : TOPIC_CHECK_MILLIS;
            if (now - missingCheckedMillis >= interval) {
                missingCheckedMillis = now;
                lookAtTopics();
            }
            check();
        } catch (RuntimeException e) {
            LOG.warn("readiness check failed: {}", e.toString());
        }
    }

    /** Which topics are missing, and which catalog topics were recreated; takes a round trip or two. */
    void lookAtTopics() {
        missing = missingTopics.get();
        Map<String, Uuid> now = catalogIds.get();
        Set<String> changed = CatalogTopicIds.recreated(catalogIdsBuiltFrom, now);
        now.forEach(catalogIdsBuiltFrom::putIfAbsent);
        if (!changed.isEmpty() && !recreated.containsAll(changed)) {
            Set<String> all = new java.util.TreeSet<>(recreated);
            all.addAll(changed);
            recreated = Set.copyOf(all);
        }
    }

    /**
     * How long no stream thread's consumer has had an answer to a heartbeat. Counted from changes of
     * {@code heartbeat-total}, which counts answers: {@code last-heartbeat-seconds-ago} counts heartbeats sent,
     * and a consumer goes on sending them to brokers that are gone.
     */
    private long heartbeatAgeMillis(Collection<ThreadMetadata> threads) {
        Set<String> consumers = new HashSet<>();
        threads.forEach(thread -> consumers.add(thread.consumerClientId()));
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals(HEARTBEATS) && name.group().equals(COORDINATOR_GROUP)
                    && consumers.contains(name.tags().get("client-id"))
                    && metric.getValue().metricValue() instanceof Double answers && !answers.isNaN()) {
                total += answers;
            }
        }
        long now = System.currentTimeMillis();
        // Joining a group sends no heartbeat: the clock starts once the client runs.
        boolean running = streams.state() == KafkaStreams.State.RUNNING;
        if (total != heartbeats || !running) {
            if (running && heartbeats > 0 && now - heartbeatSeenMillis > silenceLimitMillis) {
                longSilenceEndedMillis = now;
            }
            heartbeats = total;
            heartbeatSeenMillis = now;
        }
        return now - heartbeatSeenMillis;
    }

    /**
     * Why this instance may no longer own the partitions it holds, or empty: no heartbeat answered for half the
     * session timeout, or answers back after such a silence less than a session timeout ago (cut off from the
     * brokers, the group may have moved its partitions to another instance, which decided commands its stores
     * have not seen; it learns so only at its next poll). A local miss is then no proof that a key does not
     * exist. Empty where the consumers report no heartbeats at all (another group protocol).
     */
    java.util.Optional<String> outOfTouch() {
        long now = System.currentTimeMillis();
        if (heartbeats <= 0) {
            return java.util.Optional.empty();
        }
        long silence = now - heartbeatSeenMillis;
        if (silence > silenceLimitMillis) {
            return java.util.Optional.of("no heartbeat answered for " + silence + " ms: the group may have moved"
                    + " this instance's partitions");
        }
        long since = now - longSilenceEndedMillis;
        if (longSilenceEndedMillis > 0 && since < sessionTimeoutMillis) {
            return java.util.Optional.of("back in touch with the group only " + since + " ms ago: its partitions may"
                    + " have moved meanwhile");
        }
        return java.util.Optional.empty();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
