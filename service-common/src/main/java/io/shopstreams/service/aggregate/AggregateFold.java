package io.shopstreams.service.aggregate;

import io.shopstreams.events.CommandOutcome;
import io.shopstreams.service.replay.StoreSink;
import io.shopstreams.service.stream.StoreSerde;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.common.serialization.Serializer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two {@link AggregateStores} of an aggregate as a fold of its event log, with the same {@code evolve} the
 * live {@link AggregateWriter} runs: what a rebuild writes as their changelogs, and what an audit compares.
 */
public final class AggregateFold<S, E> {
    private record Outcome(String aggregateId, String key, CommandOutcome outcome, long timestamp) {
    }

    private final Aggregate<S, E> aggregate;
    private final AggregateStores<S> stores;
    private final Map<String, S> states = new TreeMap<>();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();

    public AggregateFold(Aggregate<S, E> aggregate, AggregateStores<S> stores) {
        this.aggregate = aggregate;
        this.stores = stores;
    }

    /** Folds one event, read from the event topic at {@code timestamp} (the outcome's window, as live). */
    public void accept(E event, long timestamp) {
        String id = aggregate.aggregateId(event);
        S next = aggregate.evolve(states.getOrDefault(id, aggregate.initial(id)), event);
        if (aggregate.exists(next)) {
            states.put(id, next);
        }
        String key = OutcomeMemory.key(id, aggregate.causeId(event));
        outcomes.put(key, new Outcome(id, key, aggregate.outcome(event), timestamp));
    }

    /** Every aggregate that exists, by id, in id order. */
    public Map<String, S> states() {
        return states;
    }

    public void emit(StoreSink sink) {
        Serializer<S> stateSerializer = new StoreSerde<>(stores.stateType()).serializer();
        Serializer<CommandOutcome> outcomeSerializer = new StoreSerde<>(CommandOutcome.class).serializer();
        states.forEach((id, state) -> sink.keyValue(stores.states(), id, id,
                stateSerializer.serialize(null, state), 0L));
        outcomes.values().forEach(entry -> sink.window(stores.outcomes(), entry.aggregateId(), entry.key(),
                entry.timestamp(), outcomeSerializer.serialize(null, entry.outcome())));
    }
}
