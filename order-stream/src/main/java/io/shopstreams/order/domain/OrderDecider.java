package io.shopstreams.order.domain;

import io.shopstreams.events.Catalog;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The order's rules as pure, deterministic functions: {@code place} an order from a checkout, {@code decide} a
 * lifecycle command against a state, {@code evolve} a state by an event. No clock, no randomness, no I/O: time is
 * the caller's record timestamp and ids derive from the cause, so replaying the inputs yields equal events.
 *
 * <p>Rules are checked in a fixed order, so the code of an input breaking several is predictable. Placement:
 * PRODUCT_INACTIVE, then TOTAL_TOO_HIGH. Commands: ORDER_NOT_FOUND, ORDER_REJECTED, INVALID_FIELD,
 * INVALID_TRANSITION, then AMOUNT_MISMATCH. Duplicate commandIds are not handled here: remembering decided
 * commands is the caller's job (a duplicate checkout, though, is recognized by the order's existence).
 */
public final class OrderDecider {
    /** The aggregate type in event id names. */
    public static final String AGGREGATE_TYPE = "order";
    /** The statuses an order may be cancelled from: before it is handed to a carrier. */
    static final Set<OrderStatus> CANCELLABLE = Set.of(OrderStatus.PLACED, OrderStatus.PAID);

    private OrderDecider() {
    }

    /**
     * Answers one checkout: exactly one {@code OrderPlaced} or {@code OrderRejected} (version 1, commandId = the
     * checkout's eventId) for an order that does not exist yet; an empty list if it exists (a redelivered
     * checkout is a no-op). A rejected order exists too, with status REJECTED. Never null.
     *
     * @throws IllegalArgumentException if the checkout is for another order than {@code state}
     */
    public static List<OrderEvent> place(CartEvent.CartCheckedOut checkout, Order state, Catalog catalog,
                                         OrderPolicy policy, Instant occurredAt) {
        return Placement.place(checkout, state, catalog, policy, occurredAt);
    }

    /**
     * Decides one lifecycle command: exactly one event, either the state-changing event (version =
     * state.version() + 1) or a {@code CommandRejected} (version = state.version()). Never null, never empty.
     *
     * @throws IllegalArgumentException if the command's body names another order than {@code state}
     */
    public static List<OrderEvent> decide(OrderCommand command, Order state, Instant occurredAt) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (command.orderId() != null && !command.orderId().equals(state.orderId())) {
            // The topology dead-letters a body naming another order than its key: reaching here is a bug.
            throw new IllegalArgumentException("command " + command.commandId() + " names order "
                    + command.orderId() + " but was decided against order " + state.orderId());
        }
        Decision decision = new Decision(command, state, occurredAt);
        if (!state.exists()) {
            return List.of(decision.reject(RejectionCode.ORDER_NOT_FOUND,
                    "order " + state.orderId() + " does not exist"));
        }
        if (state.status() == OrderStatus.REJECTED) {
            return List.of(decision.reject(RejectionCode.ORDER_REJECTED, "order " + state.orderId()
                    + " was rejected at placement (" + state.rejectionCode() + "); " + decision.commandType()
                    + " is refused"));
        }
        return List.of(decideExisting(command, state, decision));
    }

    /**
     * Applies one event: pure, never null. A {@code CommandRejected} returns the state unchanged.
     *
     * @throws IllegalStateException if the event cannot apply to the state (a bug, never silently ignored)
     */
    public static Order evolve(Order state, OrderEvent event) {
        return OrderEvolver.evolve(state, event);
    }

    /** The state after applying the events in order to {@link Order#none}; the same function replay uses. */
    public static Order fold(String orderId, Iterable<OrderEvent> events) {
        Order state = Order.none(orderId);
        for (OrderEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static OrderEvent decideExisting(OrderCommand command, Order state, Decision decision) {
        if (command instanceof OrderCommand.PayOrder pay) {
            return pay(pay, state, decision);
        }
        if (command instanceof OrderCommand.ShipOrder ship) {
            return ship(ship, state, decision);
        }
        if (command instanceof OrderCommand.DeliverOrder) {
            return deliver(state, decision);
        }
        if (command instanceof OrderCommand.CancelOrder cancel) {
            return cancel(cancel, state, decision);
        }
        throw new IllegalStateException("unknown order command type " + command.getClass().getName());
    }

    private static OrderEvent pay(OrderCommand.PayOrder pay, Order state, Decision decision) {
        if (pay.paymentRef().isBlank()) {
            return decision.reject(RejectionCode.INVALID_FIELD, blank("paymentRef"));
        }
        if (state.status() != OrderStatus.PLACED) {
            return decision.reject(RejectionCode.INVALID_TRANSITION, invalidTransition(state, decision, "PLACED"));
        }
        if (pay.amountCents() != state.totalCents()) {
            return decision.reject(RejectionCode.AMOUNT_MISMATCH, "amountCents " + pay.amountCents()
                    + " does not equal the order total of " + state.totalCents() + " minor units of "
                    + state.currency());
        }
        return new OrderEvent.OrderPaid(decision.eventId(), decision.orderId(), decision.commandId(),
                decision.nextVersion(), decision.occurredAt(), OrderEvent.SCHEMA_VERSION, decision.cartId(),
                pay.amountCents(), pay.paymentRef());
    }

    private static OrderEvent ship(OrderCommand.ShipOrder ship, Order state, Decision decision) {
        if (ship.carrier().isBlank()) {
            return decision.reject(RejectionCode.INVALID_FIELD, blank("carrier"));
        }
        if (ship.trackingId().isBlank()) {
            return decision.reject(RejectionCode.INVALID_FIELD, blank("trackingId"));
        }
        if (state.status() != OrderStatus.PAID) {
            return decision.reject(RejectionCode.INVALID_TRANSITION, invalidTransition(state, decision, "PAID"));
        }
        return new OrderEvent.OrderShipped(decision.eventId(), decision.orderId(), decision.commandId(),
                decision.nextVersion(), decision.occurredAt(), OrderEvent.SCHEMA_VERSION, decision.cartId(),
                ship.carrier(), ship.trackingId());
    }

    private static OrderEvent deliver(Order state, Decision decision) {
        if (state.status() != OrderStatus.SHIPPED) {
            return decision.reject(RejectionCode.INVALID_TRANSITION, invalidTransition(state, decision, "SHIPPED"));
        }
        return new OrderEvent.OrderDelivered(decision.eventId(), decision.orderId(), decision.commandId(),
                decision.nextVersion(), decision.occurredAt(), OrderEvent.SCHEMA_VERSION, decision.cartId());
    }

    private static OrderEvent cancel(OrderCommand.CancelOrder cancel, Order state, Decision decision) {
        if (cancel.reason().isBlank()) {
            return decision.reject(RejectionCode.INVALID_FIELD, blank("reason"));
        }
        if (!CANCELLABLE.contains(state.status())) {
            return decision.reject(RejectionCode.INVALID_TRANSITION,
                    invalidTransition(state, decision, "PLACED or PAID"));
        }
        return new OrderEvent.OrderCancelled(decision.eventId(), decision.orderId(), decision.commandId(),
                decision.nextVersion(), decision.occurredAt(), OrderEvent.SCHEMA_VERSION, decision.cartId(),
                cancel.reason());
    }

    private static String blank(String field) {
        return field + " must not be blank";
    }

    private static String invalidTransition(Order state, Decision decision, String needed) {
        return "order " + state.orderId() + " is " + state.status() + "; " + decision.commandType()
                + " needs an order that is " + needed;
    }
}
