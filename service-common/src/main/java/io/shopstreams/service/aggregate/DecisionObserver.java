package io.shopstreams.service.aggregate;

/**
 * Told by the stream thread what it decided: feeds long polls and metrics. Must be cheap and never throw, since
 * it runs inside the processing of a record.
 */
public interface DecisionObserver<E> {

    /** An observer that ignores everything, for tests that do not watch decisions. */
    static <E> DecisionObserver<E> none() {
        return new DecisionObserver<>() {
        };
    }

    /** {@code event} was written for its aggregate (stored and forwarded). */
    default void decided(E event) {
    }

    /** A cause (commandId, or an event answered before) that was already decided arrived again: ignored. */
    default void duplicate(String aggregateId, String causeId) {
    }
}
