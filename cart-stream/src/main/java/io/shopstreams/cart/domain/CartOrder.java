package io.shopstreams.cart.domain;

import io.shopstreams.events.OrderEvent;

import java.util.Objects;

/**
 * The cart's view of its order, kept from {@code order-events}: the orderId and the order's status as a string
 * ({@code PLACED}, {@code REJECTED}, {@code PAID}, {@code SHIPPED}, {@code DELIVERED}, {@code CANCELLED}), so
 * that cart-stream does not depend on order-stream's types.
 */
public record CartOrder(String orderId, String status) {
    public static final String PLACED = "PLACED";
    public static final String REJECTED = "REJECTED";
    public static final String PAID = "PAID";
    public static final String SHIPPED = "SHIPPED";
    public static final String DELIVERED = "DELIVERED";
    public static final String CANCELLED = "CANCELLED";

    public CartOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The view after one order event; pure. {@code current} may be null (no order seen yet); the result is null
     * only when {@code current} is null and the event changes no order ({@code CommandRejected}).
     *
     * <p>An order's life starts with {@code OrderPlaced} or {@code OrderRejected}; a later checkout of the same
     * cart starts a new order, which replaces the view. A lifecycle event (paid, shipped, ...) of another order
     * than the current one is stale and leaves the view unchanged.
     */
    public static CartOrder evolve(CartOrder current, OrderEvent event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof OrderEvent.CommandRejected) {
            return current;
        }
        String status = statusAfter(event);
        boolean startsAnOrder = event instanceof OrderEvent.OrderPlaced || event instanceof OrderEvent.OrderRejected;
        if (current != null && !current.orderId().equals(event.orderId()) && !startsAnOrder) {
            return current;
        }
        return new CartOrder(event.orderId(), status);
    }

    private static String statusAfter(OrderEvent event) {
        if (event instanceof OrderEvent.OrderPlaced) {
            return PLACED;
        }
        if (event instanceof OrderEvent.OrderRejected) {
            return REJECTED;
        }
        if (event instanceof OrderEvent.OrderPaid) {
            return PAID;
        }
        if (event instanceof OrderEvent.OrderShipped) {
            return SHIPPED;
        }
        if (event instanceof OrderEvent.OrderDelivered) {
            return DELIVERED;
        }
        if (event instanceof OrderEvent.OrderCancelled) {
            return CANCELLED;
        }
        throw new IllegalStateException("unknown order event type " + event.getClass().getName());
    }
}
