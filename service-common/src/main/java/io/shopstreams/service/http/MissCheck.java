package io.shopstreams.service.http;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides whether a local miss may be answered 404 (docs/contract.md, section 4: a 404 means the key does not
 * exist). A read is begun with {@link #begin} and its miss checked with {@link #distrust} after the read: it is
 * trusted only when streams were RUNNING, nothing was reassigned in between (same generation, same key
 * metadata) and the copy read is current: the active task running here, or a standby at most
 * {@link #CAUGHT_UP_LAG} records behind. Otherwise the answer is 503 and the client retries.
 */
final class MissCheck {
    /** Under exactly-once a caught-up copy stops before the last commit marker: a lag of 1 is no record missed. */
    static final long CAUGHT_UP_LAG = 1;

    private final LocalCopies copies;
    private final String store;
    private final String key;
    private final int partition;
    private final boolean stale;
    private final long generation;
    private final KeyQueryMetadata metadata;

    private MissCheck(LocalCopies copies, String store, String key, int partition, boolean stale) {
        this.copies = copies;
        this.store = store;
        this.key = key;
        this.partition = partition;
        this.stale = stale;
        this.generation = copies.generation();
        this.metadata = copies.metadata(store, key);
    }

    /** Notes the state before a read of {@code key} from the local copy of {@code partition}. */
    static MissCheck begin(LocalCopies copies, String store, String key, int partition, boolean stale) {
        return new MissCheck(copies, store, key, partition, stale);
    }

    /** Why a miss of the read begun here cannot be trusted now; empty when it can. */
    Optional<String> distrust() {
        KafkaStreams.State state = copies.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Optional.of("the service is " + state + ", its copy of this key may not be current");
        }
        if (copies.generation() != generation || metadata == null
                || !Objects.equals(metadata, copies.metadata(store, key))) {
            return Optional.of("the assignment changed during the read");
        }
        if (metadata.partition() != partition) {
            return Optional.of("the key's partition moved during the read");
        }
        if (!stale) {
            return copies.activeRunningHere(store, partition) ? Optional.empty()
                    : Optional.of("the active task of partition " + partition + " is not running here");
        }
        OptionalLong lag = copies.lag(store, partition);
        return lag.isPresent() && lag.getAsLong() <= CAUGHT_UP_LAG ? Optional.empty()
                : Optional.of("the standby copy here is not known to be caught up");
    }
}
