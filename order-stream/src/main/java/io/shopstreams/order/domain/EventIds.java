package io.shopstreams.order.domain;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Deterministic event identifiers: the same inputs always give the same id, so that replaying a command log
 * yields byte-identical events. Never the clock, never randomness. The same scheme as cart-stream's
 * {@code EventIds} (kept apart because the two services must not depend on each other).
 *
 * <p>The parts are joined with {@code /}, which the ID rule does not allow inside an id, so two different
 * tuples of ids can never produce the same name.
 */
public final class EventIds {

    private EventIds() {
    }

    /**
     * The id of the {@code index}-th event that {@code causeId} (a commandId, or the id of the causing event)
     * caused on one aggregate: a name-based (version 3) UUID string, 36 characters. Never null.
     */
    public static String eventId(String aggregateType, String aggregateId, String causeId, int index) {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(causeId, "causeId");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        String name = aggregateType + "/" + aggregateId + "/" + causeId + "/" + index;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
