package io.shopstreams.service.aggregate;

import io.shopstreams.service.DecisionMetrics;
import io.shopstreams.service.http.VersionWaiters;

/** The production observer: wakes the long polls waiting for an aggregate's version, and counts decisions. */
public final class MeteredObserver<S, E> implements DecisionObserver<E> {
    private final Aggregate<S, E> aggregate;
    private final VersionWaiters waiters;
    private final DecisionMetrics metrics;

    public MeteredObserver(Aggregate<S, E> aggregate, VersionWaiters waiters, DecisionMetrics metrics) {
        this.aggregate = aggregate;
        this.waiters = waiters;
        this.metrics = metrics;
    }

    @Override
    public void decided(E event) {
        waiters.updated(aggregate.aggregateId(event), aggregate.eventVersion(event));
        aggregate.count(event, metrics);
    }

    @Override
    public void duplicate(String aggregateId, String causeId) {
        metrics.duplicate();
    }
}
