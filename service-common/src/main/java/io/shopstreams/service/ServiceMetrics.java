package io.shopstreams.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shopstreams.service.http.HttpMetrics;
import io.shopstreams.service.http.QueryMetrics;
import io.shopstreams.service.http.VersionWaiters;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A service instance's meters, served on {@code /metrics}: JVM and process, Kafka Streams' own, the decisions,
 * the HTTP port and the query router. Built before the topology, so that the processors' observer can count.
 */
public final class ServiceMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DecisionMetrics decisions = new DecisionMetrics(registry);
    private static final Duration[] HTTP_BUCKETS = java.util.stream.LongStream.of(1, 5, 10, 25, 50, 100, 250, 500,
            1_000, 2_500, 5_000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    private static final Duration METRICS_REFRESH = Duration.ofSeconds(5);
    /** 0xx .. 5xx, indexed by the status's hundreds; anything else is not cached. */
    private static final int STATUS_CLASSES = 6;
    private KafkaStreamsMetrics streamsMetrics;
    private ScheduledExecutorService refresher;

    public ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public DecisionMetrics decisions() {
        return decisions;
    }

    void bind(KafkaStreams streams, VersionWaiters waiters, int standbyReplicas) {
        // Kafka Streams adds metrics as tasks arrive (restore progress, lag of new partitions); Micrometer looks
        // for new ones every 60 s by default, so after a rebalance the restore would be half over before it shows.
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams, java.util.List.of(), refresher, METRICS_REFRESH);
        streamsMetrics.bindTo(registry);
        registry.gauge("shop_long_polls_waiting", waiters, VersionWaiters::waiting);
        // The standby alert compares these across the service's instances (deploy/monitoring/alerts.yml).
        Gauge.builder("shop_tasks", streams, s -> tasks(s, false)).tag("kind", "active")
                .description("Tasks this instance's stream threads hold, by kind").register(registry);
        Gauge.builder("shop_tasks", streams, s -> tasks(s, true)).tag("kind", "standby")
                .description("Tasks this instance's stream threads hold, by kind").register(registry);
        Gauge.builder("shop_standby_replicas_configured", () -> standbyReplicas)
                .description("NUM_STANDBY_REPLICAS of this instance").register(registry);
    }

    private static double tasks(KafkaStreams streams, boolean standby) {
        try {
            return streams.metadataForLocalThreads().stream()
                    .mapToInt(thread -> standby ? thread.standbyTasks().size() : thread.activeTasks().size()).sum();
        } catch (IllegalStateException notRunning) {
            return 0;
        }
    }

    /**
     * {@code shop_http_requests_seconds{route,status}}: routes are patterns and statuses classes, never raw values,
     * so there are few timers. Each is built once: building and registering it per request (Micrometer then
     * finds the existing meter) was about 2 % of the HTTP threads' profile.
     */
    HttpMetrics http() {
        Map<String, AtomicReferenceArray<Timer>> byRoute = new ConcurrentHashMap<>();
        return (route, status, nanos) -> {
            int statusClass = status / 100;
            if (statusClass < 0 || statusClass >= STATUS_CLASSES) {
                httpTimer(route, statusClass).record(nanos, TimeUnit.NANOSECONDS);
                return;
            }
            AtomicReferenceArray<Timer> timers = byRoute.computeIfAbsent(route,
                    unused -> new AtomicReferenceArray<>(STATUS_CLASSES));
            Timer timer = timers.get(statusClass);
            if (timer == null) {
                // Two threads may both build it: the registry hands both the same meter.
                timer = httpTimer(route, statusClass);
                timers.set(statusClass, timer);
            }
            timer.record(nanos, TimeUnit.NANOSECONDS);
        };
    }

    private Timer httpTimer(String route, int statusClass) {
        return Timer.builder("shop_http_requests")
                .description("HTTP requests answered, by route pattern and status class; long polls included")
                .tags("route", route, "status", statusClass + "xx")
                // Buckets for the dashboards' percentiles, few enough per route: 1 ms .. 60 s (long polls).
                .serviceLevelObjectives(HTTP_BUCKETS)
                .register(registry);
    }

    QueryMetrics queries() {
        return () -> registry.counter("shop_queries_forwarded_total").increment();
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (refresher != null) {
            refresher.shutdownNow();
        }
        registry.close();
    }
}
