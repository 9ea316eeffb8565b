package io.shopstreams.cart.domain;

import io.shopstreams.events.CartEvent;

import java.util.Objects;

/**
 * What became of one command, as answered by {@code GET /carts/{cartId}/commands/{commandId}}: the memory of
 * decided commands. It is derived from the event that recorded the decision, so replaying the events rebuilds it.
 * {@code code} and {@code reason} are null exactly when ACCEPTED.
 */
public record CommandOutcome(String commandId, Status status, String code, String reason, long version) {

    public enum Status {
        /** The command changed the cart; {@code version} is the cart's version after it. */
        ACCEPTED,
        /** The command broke a rule; {@code version} is the one it was decided against. */
        REJECTED
    }

    public CommandOutcome {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(status, "status");
    }

    /** The outcome the event records for its commandId; never null. */
    public static CommandOutcome of(CartEvent event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof CartEvent.CommandRejected rejected) {
            return new CommandOutcome(rejected.commandId(), Status.REJECTED, rejected.code(), rejected.reason(),
                    rejected.version());
        }
        return new CommandOutcome(event.commandId(), Status.ACCEPTED, null, null, event.version());
    }
}
