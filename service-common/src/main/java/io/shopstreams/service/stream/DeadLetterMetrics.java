package io.shopstreams.service.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstreams.events.ErrorCode;

import java.util.Map;

/**
 * Counts dead letters as {@code shop_dead_letters_total{code,service}} on the service's meter registry.
 *
 * <p>The exception handler is created by Kafka Streams from a class name and the dead-letter processor deep
 * inside the topology, so neither can be handed the registry by a constructor. Both receive the Streams
 * configuration, though ({@code configure(Map)} and {@code ProcessorContext.appConfigs()}), and a config map
 * carries any object: the runtime puts its registry there under {@link #REGISTRY_CONFIG}. That keeps one
 * registry per instance (two instances in one JVM, as in tests and {@code shopctl dev}, count apart), where
 * Micrometer's static global registry would mix them. Without a registry (topology tests) nothing is counted.
 */
public final class DeadLetterMetrics {
    /** The Streams config key whose value is the instance's {@link MeterRegistry}. */
    public static final String REGISTRY_CONFIG = "shop.metrics.registry";

    static final String NAME = "shop_dead_letters_total";

    private final MeterRegistry registry;
    private final String service;

    private DeadLetterMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    /** The counter of the registry in {@code configs}, or one that counts nothing when there is none. */
    static DeadLetterMetrics from(Map<String, ?> configs, String service) {
        Object registry = configs.get(REGISTRY_CONFIG);
        return new DeadLetterMetrics(registry instanceof MeterRegistry meters ? meters : null, service);
    }

    void count(ErrorCode code) {
        if (registry != null) {
            registry.counter(NAME, "code", code.name(), "service", service).increment();
        }
    }
}
