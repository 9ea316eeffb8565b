package io.shopstreams.cart.domain;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.EventIds;

import java.time.Instant;

/**
 * What every event decided for one command shares: its deterministic id, the cart, the causing commandId, the
 * version and the timestamp. Package-private plumbing of {@link CartDecider}.
 */
record Decision(CartCommand command, Cart state, Instant occurredAt) {

    String cartId() {
        return state.cartId();
    }

    String commandId() {
        return command.commandId();
    }

    /** One command decides exactly one event, so its index is always 0. */
    String eventId() {
        return EventIds.eventId(CartDecider.AGGREGATE_TYPE, state.cartId(), command.commandId(), 0);
    }

    /** The version a state-changing event carries: one past the state it was decided against. */
    long nextVersion() {
        return state.version() + 1;
    }

    /** The command's type name as on the wire, e.g. {@code AddItem}. */
    String commandType() {
        return command.getClass().getSimpleName();
    }

    /** A refusal: it changes no state, so it carries the version decided against (0 for a nonexistent cart). */
    CartEvent.CommandRejected reject(RejectionCode code, String reason) {
        return new CartEvent.CommandRejected(eventId(), cartId(), commandId(), state.version(), occurredAt,
                CartEvent.SCHEMA_VERSION, commandType(), code.name(), reason);
    }
}
