package io.shopstreams.service.aggregate;

import io.shopstreams.service.replay.FoldSpace;
import io.shopstreams.service.replay.StoreSink;
import io.shopstreams.service.stream.OutcomeMemory;
import io.shopstreams.service.stream.StoreSerde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.function.BiConsumer;

/**
 * The two {@link AggregateStores} of an aggregate as a fold of its event log, with the same {@code evolve} the
 * live {@link AggregateWriter} runs: what a rebuild writes as their changelogs, and what an audit compares. The
 * folded entries live in a {@link FoldSpace} (on disk), not on the heap.
 */
public final class AggregateFold<S, E> {
    private final Aggregate<S, E> aggregate;
    private final AggregateStores<S> stores;
    private final FoldSpace.FoldMap<S> states;
    private final FoldSpace.FoldMap<byte[]> outcomes;

    public AggregateFold(Aggregate<S, E> aggregate, AggregateStores<S> stores, FoldSpace space) {
        this.aggregate = aggregate;
        this.stores = stores;
        this.states = space.map(new StoreSerde<>(stores.stateType()));
        this.outcomes = space.map(Serdes.ByteArray());
    }

    /** Folds one event, read from the event topic at {@code timestamp} (the outcome's time, as live). */
    public void accept(E event, long timestamp) {
        String id = aggregate.aggregateId(event);
        S current = states.get(id);
        S next = aggregate.evolve(current == null ? aggregate.initial(id) : current, event);
        if (aggregate.exists(next)) {
            states.put(id, next);
        }
        outcomes.put(OutcomeMemory.key(id, aggregate.causeId(event)),
                OutcomeMemory.entry(aggregate.outcome(event), timestamp));
    }

    /** Every aggregate that exists, in id order. */
    public void forEachState(BiConsumer<String, S> action) {
        states.forEach(action);
    }

    /**
     * Writes both stores to {@code sink}. The fold space holds states and outcomes in the stores' own format, so
     * their bytes are passed on as they are, never decoded.
     */
    public void emit(StoreSink sink) {
        states.forEachSerialized((id, state) -> sink.keyValue(stores.states(), id, id, state, 0L));
        // The outcome's aggregate is the part of its key before '|': the partition its changelog record goes to;
        // its time is the outcome's, as live.
        outcomes.forEachSerialized((key, entry) -> sink.keyValue(stores.outcomes(), OutcomeMemory.aggregateIdOf(key),
                key, entry, OutcomeMemory.timestampOf(entry)));
    }
}
