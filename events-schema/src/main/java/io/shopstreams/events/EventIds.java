package io.shopstreams.events;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Deterministic identifiers: the same inputs always give the same id, so that replaying a command log yields
 * byte-identical events. Never the clock, never randomness. Both services derive ids this way.
 *
 * <p>The parts are joined with {@code /}, which the ID rule does not allow inside an id, so two different
 * tuples of ids can never produce the same name.
 */
public final class EventIds {
    private static final String ORDER_PREFIX = "order-";

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
        return nameUuid(aggregateType + "/" + aggregateId + "/" + causeId + "/" + index);
    }

    /**
     * The orderId of the checkout with this commandId: {@code order-} and a name-based UUID, 42 characters that
     * satisfy the ID rule. A commandId is unique only within its cart, hence the cartId in the name.
     */
    public static String orderIdFor(String cartId, String commandId) {
        Objects.requireNonNull(cartId, "cartId");
        Objects.requireNonNull(commandId, "commandId");
        return ORDER_PREFIX + nameUuid(cartId + "/" + commandId);
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
