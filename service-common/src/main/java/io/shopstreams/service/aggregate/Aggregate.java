package io.shopstreams.service.aggregate;

import io.shopstreams.events.CommandOutcome;
import io.shopstreams.service.DecisionMetrics;

/**
 * One kind of event-sourced aggregate as the shared pipeline sees it: a service plugs in its domain (state and
 * event types, {@code evolve}) and the pipeline does the rest the same way for every service: load, "already
 * decided?", fold, put, remember, forward; the store folds of a rebuild; the decision metrics.
 *
 * @param <S> the aggregate's state, as stored (never null: a missing aggregate is {@link #initial})
 * @param <E> the aggregate's events
 */
public interface Aggregate<S, E> {

    /** The aggregate's name in processor names, messages and error codes: "cart", "order". */
    String noun();

    /** The state of an aggregate that does not exist yet. */
    S initial(String id);

    /** The state after {@code event}: the same pure function live processing and every rebuild fold. */
    S evolve(S state, E event);

    /** Whether the state is worth storing: an aggregate that does not exist is not stored (GET answers 404). */
    boolean exists(S state);

    long version(S state);

    /** The id of the aggregate that {@code event} belongs to. */
    String aggregateId(E event);

    /** The aggregate's version an event records: after it, or for a rejection the version it was decided against. */
    long eventVersion(E event);

    /** The id of what caused {@code event}: a commandId, or the id of the event it answers. */
    String causeId(E event);

    /** What {@code event} records about its cause, for the memory of decided commands. */
    CommandOutcome outcome(E event);

    /** Counts a decided event; by default by its outcome (accepted, or rejected with its code). */
    default void count(E event, DecisionMetrics metrics) {
        CommandOutcome outcome = outcome(event);
        if (outcome.status() == CommandOutcome.Status.REJECTED) {
            metrics.rejected(outcome.code());
        } else {
            metrics.accepted();
        }
    }
}
