package io.shopstreams.service.stream;

import io.shopstreams.events.CommandOutcome;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The memory of decided commands: {@code aggregateId|causeId -> (record time, outcome)} in a key-value store,
 * forgotten once stream time has passed the record time by the command topic's retention (a command older
 * than that cannot be re-delivered), and restored from its changelog like any store.
 * <p>
 * A key-value store, not a window store: a command is one point lookup instead of a scan over every segment,
 * and Kafka Streams 4.4 keeps a key-value store's committed offset in the store itself
 * ({@code TRANSACTIONAL_STATE_STORES}), so a crash need not wipe the task, as a window store's missing
 * checkpoint always did. The price is expiry by hand: {@link #expire} sweeps a slice of the store at a time and
 * deletes (with a changelog tombstone) what is past retention.
 * <p>
 * An entry is the record time (8 bytes, big-endian) followed by the outcome in its store serde: the duplicate
 * check reads no more than that the key is there, and the sweep only the first 8 bytes.
 */
public final class OutcomeMemory {
    /** One remembered outcome, decoded. */
    public record Remembered(CommandOutcome outcome, long timestamp) {
    }

    private static final StoreSerde<CommandOutcome> OUTCOMES = new StoreSerde<>(CommandOutcome.class);

    private final KeyValueStore<String, byte[]> store;
    // Where the next sweep goes on: the last key the previous one looked at (null: from the start).
    private String sweptUpTo;

    public OutcomeMemory(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /**
     * The composite key {@code aggregateId|other} of every store keyed by an aggregate and a second ID. '|'
     * cannot occur in an ID, so the pair is unambiguous and the aggregate's keys share {@link #prefix}.
     */
    public static String key(String aggregateId, String otherId) {
        return prefix(aggregateId) + otherId;
    }

    /** The prefix of every {@link #key} of this aggregate, for a prefix scan. */
    public static String prefix(String aggregateId) {
        return aggregateId + "|";
    }

    /** The aggregateId of a {@link #key}. */
    public static String aggregateIdOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    public static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder(String name) {
        return Stores.keyValueStoreBuilder(CloseSafeStores.keyValue(name), Serdes.String(), Serdes.ByteArray());
    }

    /** An entry as the store and its changelog hold it. */
    public static byte[] entry(CommandOutcome outcome, long timestamp) {
        byte[] encoded = OUTCOMES.serializer().serialize(null, outcome);
        return ByteBuffer.allocate(Long.BYTES + encoded.length).putLong(timestamp).put(encoded).array();
    }

    public static Remembered decode(byte[] entry) {
        return new Remembered(OUTCOMES.deserializer().deserialize(null,
                Arrays.copyOfRange(entry, Long.BYTES, entry.length)), timestampOf(entry));
    }

    public static long timestampOf(byte[] entry) {
        return ByteBuffer.wrap(entry).getLong();
    }

    /** Whether {@code causeId} (a commandId, or a causing event's id) was already decided for the aggregate. */
    public boolean alreadyDecided(String aggregateId, String causeId) {
        return store.get(key(aggregateId, causeId)) != null;
    }

    public void remember(String aggregateId, String causeId, CommandOutcome outcome, long timestamp) {
        store.put(key(aggregateId, causeId), entry(outcome, timestamp));
    }

    /**
     * Looks at up to {@code limit} entries after the previous sweep's last and deletes those recorded before
     * {@code cutoff}; after the last key it starts again from the first. Deletes after the scan, not during it,
     * so that no iterator meets its own writes.
     *
     * @return how many entries were deleted
     */
    public int expire(long cutoff, int limit) {
        List<String> expired = new ArrayList<>();
        String last = null;
        int seen = 0;
        try (KeyValueIterator<String, byte[]> entries = store.range(sweptUpTo, null)) {
            while (seen < limit && entries.hasNext()) {
                var entry = entries.next();
                // range() includes its lower bound, which the previous sweep already looked at.
                if (entry.key.equals(sweptUpTo)) {
                    continue;
                }
                seen++;
                last = entry.key;
                if (timestampOf(entry.value) < cutoff) {
                    expired.add(entry.key);
                }
            }
            sweptUpTo = entries.hasNext() ? last : null;
        }
        expired.forEach(store::delete);
        return expired.size();
    }

    /** The outcome recorded for {@code causeId}, read through interactive queries. */
    public static Optional<CommandOutcome> find(ReadOnlyKeyValueStore<String, byte[]> store, String aggregateId,
                                                String causeId) {
        return Optional.ofNullable(store.get(key(aggregateId, causeId))).map(entry -> decode(entry).outcome());
    }
}
