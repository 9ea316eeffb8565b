package io.shopstreams.order.domain;

/**
 * Where an order stands in its life. The lifecycle is PLACED -> PAID -> SHIPPED -> DELIVERED, and PLACED or PAID
 * -> CANCELLED; every other move is refused with {@code INVALID_TRANSITION}. The names are part of the product
 * contract (GET /orders/{id} shows them, cart-stream mirrors them as strings).
 */
public enum OrderStatus {
    /** Placed from a checkout; may be paid or cancelled. */
    PLACED,
    /** The checkout could not become an order: never placed, refuses every command; kept so it can be queried. */
    REJECTED,
    /** Paid in full; may be shipped or cancelled. */
    PAID,
    /** Handed to a carrier; may only be delivered. */
    SHIPPED,
    /** Delivered: final. */
    DELIVERED,
    /** Cancelled before shipping: final. */
    CANCELLED
}
