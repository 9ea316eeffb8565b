package io.shopstreams.service.aggregate;

import io.shopstreams.service.stream.OutcomeMemory;
import io.shopstreams.service.tracing.Tracing;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place where an aggregate's decided events become state and output, for every processor of every
 * service: load the state, decide a cause once, fold the events, put, remember the outcome, forward. Live state
 * is thus always exactly the fold of the emitted events, which is what a rebuild relies on.
 *
 * @param <O> what is forwarded per event: the event itself, or the event with the state after it
 */
public final class AggregateWriter<S, E, O> {
    /** What a processor forwards for one event, given the aggregate's state right after it. */
    @FunctionalInterface
    public interface Output<S, E, O> {
        O of(E event, S stateAfter);
    }

    // A slice small enough to cost about a millisecond per second of processing; a task's 100,000 outcomes are
    // looked at once every 100 s, which against a retention of hours or days is soon enough.
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final int SWEEP_SLICE = 1_000;

    private final ProcessorContext<String, O> context;
    private final Aggregate<S, E> aggregate;
    private final KeyValueStore<String, S> states;
    private final OutcomeMemory outcomes;
    private final DecisionObserver<E> observer;
    private final Output<S, E, O> output;
    private final Tracing tracing;

    /**
     * Also schedules the sweep that forgets causes older than {@code commandRetention} in stream time. Every
     * processor that writes the aggregate sweeps on its own cursor; where two share a task's store, the store is
     * only swept sooner.
     */
    public AggregateWriter(ProcessorContext<String, O> context, Aggregate<S, E> aggregate, AggregateStores<S> stores,
                           Duration commandRetention, DecisionObserver<E> observer, Output<S, E, O> output) {
        this.context = context;
        this.aggregate = aggregate;
        this.states = context.getStateStore(stores.states());
        this.outcomes = new OutcomeMemory(context.getStateStore(stores.outcomes()));
        this.observer = observer;
        this.output = output;
        this.tracing = Tracing.from(context.appConfigs());
        long retention = commandRetention.toMillis();
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> outcomes.expire(context.currentStreamTimeMs() - retention, SWEEP_SLICE));
    }

    /**
     * Decides {@code causeId} for the aggregate unless it was decided before, in which case nothing is emitted
     * and the observer is told of the duplicate. Traced as one span, child of the input's {@code traceparent};
     * the events carry the span's.
     *
     * @param input    the record that carries the cause: its time is the events' time
     * @param decision the events the cause gives, from the aggregate's current state (pure, deterministic)
     */
    public void decideOnce(String aggregateId, String causeId, Record<?, ?> input, Function<S, List<E>> decision) {
        String name = input.value() == null ? "null" : input.value().getClass().getSimpleName();
        try (Tracing.Traced traced = tracing.decide(context.recordMetadata(), input.headers(), name, aggregateId,
                causeId)) {
            if (outcomes.alreadyDecided(aggregateId, causeId)) {
                traced.duplicate();
                observer.duplicate(aggregateId, causeId);
                return;
            }
            S state = load(aggregateId);
            List<E> events = decision.apply(state);
            traced.decided(events);
            write(aggregateId, state, events, input.timestamp(), traced::headers);
        }
    }

    private S load(String aggregateId) {
        S state = states.get(aggregateId);
        return state == null ? aggregate.initial(aggregateId) : state;
    }

    private void write(String aggregateId, S state, List<E> events, long timestamp, Supplier<Headers> headers) {
        List<O> outputs = new ArrayList<>(events.size());
        S next = state;
        for (E event : events) {
            next = aggregate.evolve(next, event);
            outputs.add(output.of(event, next));
        }
        // Put before forwarding: should anything downstream fail, no event is out while the store still holds the
        // state before it (a processing error is a dead letter and processing resumes, keeping what was done).
        if (aggregate.exists(next) && aggregate.version(next) != aggregate.version(state)) {
            states.put(aggregateId, next);
        }
        for (int i = 0; i < events.size(); i++) {
            E event = events.get(i);
            outcomes.remember(aggregateId, aggregate.causeId(event), aggregate.outcome(event), timestamp);
            context.forward(new Record<>(aggregateId, outputs.get(i), timestamp, headers.get()));
            observer.decided(event);
        }
    }
}
