package io.shopstreams.events;

import java.util.Objects;

/**
 * What became of one command, as answered by {@code GET /carts/{cartId}/commands/{commandId}} and
 * {@code GET /orders/{orderId}/commands/{commandId}}: the memory of
 * decided commands. It is derived from the event that recorded the decision, so replaying the events rebuilds it.
 * {@code code} and {@code reason} are null exactly when ACCEPTED.
 */
public record CommandOutcome(String commandId, Status status, String code, String reason, long version) {

    public enum Status {
        /** The command changed the aggregate; {@code version} is its version after it. */
        ACCEPTED,
        /** The command broke a rule; {@code version} is the one it was decided against (0: no such aggregate). */
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

    /**
     * The outcome the event records for its commandId; never null. Only a {@code CommandRejected} is REJECTED:
     * an {@code OrderRejected} is the accepted handling of a checkout event, not a refused command.
     */
    public static CommandOutcome of(OrderEvent event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof OrderEvent.CommandRejected rejected) {
            return new CommandOutcome(rejected.commandId(), Status.REJECTED, rejected.code(), rejected.reason(),
                    rejected.version());
        }
        return new CommandOutcome(event.commandId(), Status.ACCEPTED, null, null, event.version());
    }
}
