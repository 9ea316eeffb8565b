package io.shopstreams.order.domain;

import io.shopstreams.events.OrderEvent;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The body of {@link OrderDecider#evolve}: applies one event to an order, pure. It checks what makes an event
 * applicable at all (its order, its cart, its version, the status it moves from, a payment of the total) and
 * fails loudly otherwise. It does not re-check placement policy (catalog, maximum total): that is decided at
 * placement time, and events decided under an older policy must still replay.
 */
final class OrderEvolver {

    private OrderEvolver() {
    }

    static Order evolve(Order state, OrderEvent event) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        if (!event.orderId().equals(state.orderId())) {
            throw cannotApply(state, event, "it belongs to order " + event.orderId());
        }
        if (event instanceof OrderEvent.CommandRejected) {
            return state;
        }
        if (event.version() != state.version() + 1) {
            throw cannotApply(state, event, "a state-changing event must carry version " + (state.version() + 1));
        }
        if (event instanceof OrderEvent.OrderPlaced placed) {
            requireNonexistent(state, placed);
            return new Order(state.orderId(), placed.cartId(), placed.customerId(), OrderStatus.PLACED,
                    placed.lines(), placed.totalCents(), placed.currency(), placed.version(), placed.occurredAt(),
                    null, null, null, null, null, null);
        }
        if (event instanceof OrderEvent.OrderRejected rejected) {
            requireNonexistent(state, rejected);
            // OrderRejected carries no lines or total: a rejected order holds what replay can rebuild.
            return new Order(state.orderId(), rejected.cartId(), rejected.customerId(), OrderStatus.REJECTED, List.of(), 0, null,
                    rejected.version(), rejected.occurredAt(), null, null, null, null, rejected.code(),
                    rejected.reason());
        }
        requireCart(state, event);
        if (event instanceof OrderEvent.OrderPaid paid) {
            requireStatus(state, paid, Set.of(OrderStatus.PLACED));
            if (paid.amountCents() != state.totalCents()) {
                throw cannotApply(state, paid, "it pays " + paid.amountCents() + " but the total is "
                        + state.totalCents());
            }
            return state.advance(OrderStatus.PAID, paid.version()).withPayment(paid.paymentRef());
        }
        if (event instanceof OrderEvent.OrderShipped shipped) {
            requireStatus(state, shipped, Set.of(OrderStatus.PAID));
            return state.advance(OrderStatus.SHIPPED, shipped.version())
                    .withShipment(shipped.carrier(), shipped.trackingId());
        }
        if (event instanceof OrderEvent.OrderDelivered delivered) {
            requireStatus(state, delivered, Set.of(OrderStatus.SHIPPED));
            return state.advance(OrderStatus.DELIVERED, delivered.version());
        }
        if (event instanceof OrderEvent.OrderCancelled cancelled) {
            requireStatus(state, cancelled, OrderDecider.CANCELLABLE);
            return state.advance(OrderStatus.CANCELLED, cancelled.version()).withCancelReason(cancelled.reason());
        }
        throw new IllegalStateException("unknown order event type " + event.getClass().getName());
    }

    private static void requireNonexistent(Order state, OrderEvent event) {
        if (state.exists()) {
            throw cannotApply(state, event, "it needs an order that does not exist yet");
        }
    }

    /** A lifecycle event needs an order that exists and belongs to the event's cart; the status is checked apart. */
    private static void requireCart(Order state, OrderEvent event) {
        if (!state.exists()) {
            throw cannotApply(state, event, "the order does not exist");
        }
        if (!state.cartId().equals(event.cartId())) {
            throw cannotApply(state, event, "it names cart " + event.cartId() + " but the order's cart is "
                    + state.cartId());
        }
    }

    private static void requireStatus(Order state, OrderEvent event, Set<OrderStatus> expected) {
        if (!expected.contains(state.status())) {
            throw cannotApply(state, event, "it needs an order that is " + String.join(" or ",
                    expected.stream().sorted().map(OrderStatus::name).toList()));
        }
    }

    private static IllegalStateException cannotApply(Order state, OrderEvent event, String why) {
        return new IllegalStateException("cannot apply " + event.getClass().getSimpleName() + " " + event.eventId()
                + " (version " + event.version() + ", command " + event.commandId() + ") to order "
                + state.orderId() + " at version " + state.version() + " (" + state.status() + "): " + why);
    }
}
