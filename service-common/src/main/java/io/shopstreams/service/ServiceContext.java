package io.shopstreams.service;

import io.shopstreams.service.http.VersionWaiters;
import io.shopstreams.service.tracing.Tracing;

/**
 * What a service instance has before its topology is built, and what its topology and routes are built from:
 * its settings, its Kafka clients, its meters, the long polls waiting for aggregates to change and its tracing.
 */
public record ServiceContext(ServiceSettings settings, KafkaResources kafka, ServiceMetrics metrics,
                             VersionWaiters waiters, Tracing tracing) {

    /** The context of a new instance; {@link ServiceRuntime} closes it. */
    static ServiceContext create(ServiceSettings settings, Tracing tracing) {
        return new ServiceContext(settings, new KafkaResources(settings), new ServiceMetrics(),
                new VersionWaiters(settings.maxLongPolls()), tracing);
    }
}
