package io.shopstreams.order.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a customer's order list ({@code GET /customers/{customerId}/orders}): a summary of an order's
 * current state. {@code status} is an {@link OrderStatus} name.
 */
public record CustomerOrder(String orderId, String cartId, String status, long totalCents, String currency,
                            Instant placedAt, long version) {

    public CustomerOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The summary of an existing order; never null.
     *
     * @throws IllegalArgumentException if the order does not exist
     */
    public static CustomerOrder of(Order order) {
        Objects.requireNonNull(order, "order");
        if (!order.exists()) {
            throw new IllegalArgumentException("order " + order.orderId() + " does not exist: nothing to list");
        }
        return new CustomerOrder(order.orderId(), order.cartId(), order.status().name(), order.totalCents(),
                order.currency(), order.placedAt(), order.version());
    }

    /**
     * The entry to keep once {@code update} arrives: {@code update}, unless {@code current} is at least as new (a
     * re-delivered or out-of-date change), so that applying the same state twice changes nothing. Pure.
     *
     * @param current the entry kept so far for this order, or null for an order not seen yet
     * @throws IllegalArgumentException if the two entries are of different orders
     */
    public static CustomerOrder latest(CustomerOrder current, CustomerOrder update) {
        Objects.requireNonNull(update, "update");
        if (current == null) {
            return update;
        }
        if (!current.orderId().equals(update.orderId())) {
            throw new IllegalArgumentException("the entry of order " + current.orderId()
                    + " cannot be updated with order " + update.orderId());
        }
        return current.version() >= update.version() ? current : update;
    }
}
