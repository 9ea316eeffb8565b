package io.shopstreams.cart.domain;

import io.shopstreams.events.OrderEvent;

import java.util.Objects;

/**
 * The cart's view of one of its orders, kept from {@code order-events}: the orderId and the order's status, so
 * that cart-stream does not depend on order-stream's types. A cart that checks out again after a rejection has
 * one view per order (the store is keyed by cartId and orderId); the cart itself names its latest order.
 */
public record CartOrder(String orderId, Status status) {

    /** The order's status as the cart sees it; stored and shown by its name. */
    public enum Status {
        PLACED, REJECTED, PAID, SHIPPED, DELIVERED, CANCELLED
    }

    public CartOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The view after one event of this order; pure. {@code current} may be null (no event of the order seen yet);
     * the result is null only when {@code current} is null and the event changes no order
     * ({@code CommandRejected}).
     *
     * @throws IllegalArgumentException if {@code current} is the view of another order: views are kept per order,
     *                                  so that is a bug in the caller
     */
    public static CartOrder evolve(CartOrder current, OrderEvent event) {
        Objects.requireNonNull(event, "event");
        if (current != null && !current.orderId().equals(event.orderId())) {
            throw new IllegalArgumentException("the view of order " + current.orderId() + " cannot follow "
                    + event.getClass().getSimpleName() + " " + event.eventId() + " of order " + event.orderId());
        }
        if (event instanceof OrderEvent.CommandRejected) {
            return current;
        }
        return new CartOrder(event.orderId(), statusAfter(event));
    }

    private static Status statusAfter(OrderEvent event) {
        if (event instanceof OrderEvent.OrderPlaced) {
            return Status.PLACED;
        }
        if (event instanceof OrderEvent.OrderRejected) {
            return Status.REJECTED;
        }
        if (event instanceof OrderEvent.OrderPaid) {
            return Status.PAID;
        }
        if (event instanceof OrderEvent.OrderShipped) {
            return Status.SHIPPED;
        }
        if (event instanceof OrderEvent.OrderDelivered) {
            return Status.DELIVERED;
        }
        if (event instanceof OrderEvent.OrderCancelled) {
            return Status.CANCELLED;
        }
        throw new IllegalStateException("unknown order event type " + event.getClass().getName());
    }
}
