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
}
