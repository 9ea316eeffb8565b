package io.shopstreams.service.aggregate;

import io.shopstreams.events.CommandOutcome;
import io.shopstreams.service.replay.FoldSpace;
import io.shopstreams.service.replay.StoreSink;
import io.shopstreams.service.stream.StoreSerde;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The two {@link AggregateStores} of an aggregate as a fold of its event log, with the same {@code evolve} the
 * live {@link AggregateWriter} runs: what a rebuild writes as their changelogs, and what an audit compares. The
 * folded entries live in a {@link FoldSpace} (on disk), not on the heap.
 */
public final class AggregateFold<S, E> {
    private record Outcome(String aggregateId, CommandOutcome outcome, long timestamp) {
    }

    /** The window start and the id's length before each outcome in the fold space. */
    private static final int OUTCOME_HEADER = Long.BYTES + Integer.BYTES;

    private final Aggregate<S, E> aggregate;
    private final AggregateStores<S> stores;
    private final FoldSpace.FoldMap<S> states;
    private final FoldSpace.FoldMap<Outcome> outcomes;

    public AggregateFold(Aggregate<S, E> aggregate, AggregateStores<S> stores, FoldSpace space) {
        this.aggregate = aggregate;
        this.stores = stores;
        this.states = space.map(new StoreSerde<>(stores.stateType()));
        this.outcomes = space.map(outcomeSerde());
    }

    /** Folds one event, read from the event topic at {@code timestamp} (the outcome's window, as live). */
    public void accept(E event, long timestamp) {
        String id = aggregate.aggregateId(event);
        S current = states.get(id);
        S next = aggregate.evolve(current == null ? aggregate.initial(id) : current, event);
        if (aggregate.exists(next)) {
            states.put(id, next);
        }
        outcomes.put(OutcomeMemory.key(id, aggregate.causeId(event)),
                new Outcome(id, aggregate.outcome(event), timestamp));
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
        outcomes.forEachSerialized((key, bytes) -> {
            SerializedOutcome entry = SerializedOutcome.of(bytes);
            sink.window(stores.outcomes(), entry.aggregateId(), key, entry.timestamp(), entry.outcome());
        });
    }

    /** An outcome in the fold space: its window start, its aggregate's id, then the outcome as the store has it. */
    private static Serde<Outcome> outcomeSerde() {
        Serde<CommandOutcome> values = new StoreSerde<>(CommandOutcome.class);
        Serializer<Outcome> serializer = (topic, entry) -> {
            byte[] id = entry.aggregateId().getBytes(StandardCharsets.UTF_8);
            byte[] outcome = values.serializer().serialize(topic, entry.outcome());
            return ByteBuffer.allocate(Long.BYTES + Integer.BYTES + id.length + outcome.length)
                    .putLong(entry.timestamp()).putInt(id.length).put(id).put(outcome).array();
        };
        Deserializer<Outcome> deserializer = (topic, bytes) -> {
            SerializedOutcome entry = SerializedOutcome.of(bytes);
            return new Outcome(entry.aggregateId(), values.deserializer().deserialize(topic, entry.outcome()),
                    entry.timestamp());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** An outcome as the fold space holds it, the outcome itself still in the store's format. */
    private record SerializedOutcome(long timestamp, String aggregateId, byte[] outcome) {
        static SerializedOutcome of(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long timestamp = buffer.getLong();
            int idLength = buffer.getInt();
            return new SerializedOutcome(timestamp, new String(bytes, OUTCOME_HEADER, idLength,
                    StandardCharsets.UTF_8), Arrays.copyOfRange(bytes, OUTCOME_HEADER + idLength, bytes.length));
        }
    }
}
