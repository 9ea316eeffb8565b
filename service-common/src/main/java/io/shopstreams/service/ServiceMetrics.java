package io.shopstreams.service;

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

import java.util.concurrent.TimeUnit;

/**
 * A service instance's meters, served on {@code /metrics}: JVM and process, Kafka Streams' own, the decisions,
 * the HTTP port and the query router. Built before the topology, so that the processors' observer can count.
 */
public final class ServiceMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DecisionMetrics decisions = new DecisionMetrics(registry);
    private KafkaStreamsMetrics streamsMetrics;

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

    void bind(KafkaStreams streams, VersionWaiters waiters) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        registry.gauge("shop_long_polls_waiting", waiters, VersionWaiters::waiting);
    }

    /** {@code shop_http_requests_seconds{route,status}}: routes are patterns and statuses classes, never raw values. */
    HttpMetrics http() {
        return (route, status, nanos) -> Timer.builder("shop_http_requests")
                .description("HTTP requests answered, by route pattern and status class; long polls included")
                .tags("route", route, "status", (status / 100) + "xx")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    QueryMetrics queries() {
        return () -> registry.counter("shop_queries_forwarded_total").increment();
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        registry.close();
    }
}
