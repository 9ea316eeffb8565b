package io.shopstreams.service;

import io.shopstreams.service.http.VersionWaiters;

/**
 * What a service instance has before its topology is built, and what its topology and routes are built from:
 * its settings, its Kafka clients, its meters and the long polls waiting for aggregates to change.
 */
public record ServiceContext(ServiceSettings settings, KafkaResources kafka, ServiceMetrics metrics,
                             VersionWaiters waiters) {

    /** The context of a new instance; {@link ServiceRuntime} closes it. */
    static ServiceContext create(ServiceSettings settings) {
        return new ServiceContext(settings, new KafkaResources(settings), new ServiceMetrics(),
                new VersionWaiters(settings.maxLongPolls()));
    }
}
