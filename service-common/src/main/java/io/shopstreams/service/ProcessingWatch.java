package io.shopstreams.service;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
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
    private static final String HEARTBEAT_AGE = "last-heartbeat-seconds-ago";

    private final KafkaStreams streams;
    private final RestoreTracker restores;
    private final StallDetector detector;
    private final Runnable onFatalStall;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "processing-watch");
        thread.setDaemon(true);
        return thread;
    });
    private StallDetector.Verdict last = new StallDetector.Verdict(false, "starting", false);
    private boolean fatalRun;

    ProcessingWatch(KafkaStreams streams, RestoreTracker restores, RecoverySettings recovery,
                    MeterRegistry registry, Runnable onFatalStall) {
        this.streams = streams;
        this.restores = restores;
        this.detector = new StallDetector(recovery.stallTimeout(), recovery.stallExit(), recovery.sessionTimeout(),
                System::currentTimeMillis);
        this.onFatalStall = onFatalStall;
        registry.gauge("shop_ready", this, watch -> watch.lastVerdict().ready() ? 1 : 0);
        registry.more().counter("shop_stalls_total", java.util.List.of(), this, watch -> watch.stalls());
    }

    void start() {
        timer.scheduleWithFixedDelay(this::checkSafely, 1, 1, TimeUnit.SECONDS);
    }

    /** Checks now: {@code /ready} answers what the instance does at the moment it is asked. */
    synchronized StallDetector.Verdict check() {
        Collection<ThreadMetadata> threads = streams.metadataForLocalThreads();
        StallDetector.Verdict verdict = detector.check(new StallDetector.Signals(streams.state(), threads,
                !restores.progress().isEmpty(), heartbeatAgeMillis(threads)));
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
            check();
        } catch (RuntimeException e) {
            LOG.warn("readiness check failed: {}", e.toString());
        }
    }

    /** The oldest last heartbeat among the stream threads' consumers; -1 while none has sent one. */
    private long heartbeatAgeMillis(Collection<ThreadMetadata> threads) {
        Set<String> consumers = new HashSet<>();
        threads.forEach(thread -> consumers.add(thread.consumerClientId()));
        double oldest = -1;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals(HEARTBEAT_AGE) && consumers.contains(name.tags().get("client-id"))
                    && metric.getValue().metricValue() instanceof Double seconds && !seconds.isNaN()) {
                oldest = Math.max(oldest, seconds);
            }
        }
        return oldest < 0 ? -1 : (long) (oldest * 1000);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
