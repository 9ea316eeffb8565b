package io.shopstreams.service.http;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a local miss may be answered 404 (docs/contract.md, section 4: a 404 means the key does not
 * exist). A read is begun with {@link #begin} and its miss checked with {@link #distrust} after the read: it is
 * trusted only when streams were RUNNING, nothing was reassigned in between (same generation, same key
 * metadata, no restore begun or ended) and the copy read is current: the active task running here with lag 0,
 * or a standby at most {@link #CAUGHT_UP_LAG} records behind. Otherwise the answer is 503 and the client retries.
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

    private MissCheck(LocalCopies copies, String store, String key, int partition, boolean stale,
                      KeyQueryMetadata before) {
        this.copies = copies;
        this.store = store;
        this.key = key;
        this.partition = partition;
        this.stale = stale;
        this.generation = copies.generation();
        this.metadata = before;
    }

    /**
     * Notes the state before a read of {@code key} from the local copy of {@code partition}.
     *
     * @param before the key's metadata as the router looked it up before it chose this copy: looked up once per
     *               request, since it is a synchronized call that works out the store's source topics each time
     *               (twice per GET, it took 13 % of a GET's CPU in a profile); a change after it still fails the
     *               check
     */
    static MissCheck begin(LocalCopies copies, String store, String key, int partition, boolean stale,
                           KeyQueryMetadata before) {
        return new MissCheck(copies, store, key, partition, stale, before);
    }

    /**
     * Why a miss of the read begun here cannot be trusted now; empty when it can. The copy's lag is looked up
     * after the read: an active task that a failed commit sent back to restoring is still listed as running in
     * Kafka Streams' thread metadata and its store can still be read, half restored, but it no longer reports
     * the lag 0 of a running task.
     */
    CompletionStage<Optional<String>> distrust() {
        Optional<String> now = distrustNow();
        if (now.isPresent()) {
            return CompletableFuture.completedFuture(now);
        }
        long limit = stale ? CAUGHT_UP_LAG : 0;
        return copies.lag(store, partition).thenApply(lag -> {
            if (copies.generation() != generation) {
                return Optional.of("the assignment changed during the read");
            }
            if (lag.isPresent() && lag.getAsLong() <= limit) {
                return Optional.empty();
            }
            return Optional.of(stale ? "the standby copy here is not known to be caught up"
                    : "the active copy of partition " + partition + " here is restoring");
        });
    }

    private Optional<String> distrustNow() {
        KafkaStreams.State state = copies.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Optional.of("the service is " + state + ", its copy of this key may not be current");
        }
        Optional<String> outOfTouch = copies.outOfTouch();
        if (outOfTouch.isPresent()) {
            return outOfTouch;
        }
        if (copies.generation() != generation || metadata == null
                || !Objects.equals(metadata, copies.metadata(store, key))) {
            return Optional.of("the assignment changed during the read");
        }
        if (metadata.partition() != partition) {
            return Optional.of("the key's partition moved during the read");
        }
        if (!stale && !copies.activeRunningHere(store, partition)) {
            return Optional.of("the active task of partition " + partition + " is not running here");
        }
        return Optional.empty();
    }
}
