package io.shopstreams.order.domain;

import io.shopstreams.events.EventIds;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;

import java.time.Instant;

/**
 * What every event decided for one order command shares: its deterministic id, the order, the causing commandId,
 * the version and the timestamp. Package-private plumbing of {@link OrderDecider}.
 */
record Decision(OrderCommand command, Order state, Instant occurredAt) {

    String orderId() {
        return state.orderId();
    }

    String cartId() {
        return state.cartId();
    }

    String commandId() {
        return command.commandId();
    }

    /** One command decides exactly one event, so its index is always 0. */
    String eventId() {
        return EventIds.eventId(OrderDecider.AGGREGATE_TYPE, state.orderId(), command.commandId(), 0);
    }

    /** The version a state-changing event carries: one past the state it was decided against. */
    long nextVersion() {
        return state.version() + 1;
    }

    /** The command's type name as on the wire, e.g. {@code PayOrder}. */
    String commandType() {
        return command.getClass().getSimpleName();
    }

    /**
     * A refusal: it changes no state, so it carries the version decided against and the order's cartId (0 and
     * null for a nonexistent order).
     */
    OrderEvent.CommandRejected reject(RejectionCode code, String reason) {
        return new OrderEvent.CommandRejected(eventId(), orderId(), commandId(), state.version(), occurredAt,
                OrderEvent.SCHEMA_VERSION, cartId(), commandType(), code.name(), reason);
    }
}
