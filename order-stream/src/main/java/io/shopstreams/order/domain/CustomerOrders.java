package io.shopstreams.order.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A customer's orders as {@code GET /customers/{customerId}/orders} lists them: each order as of its latest known
 * state, at most one entry per orderId, sorted by {@code placedAt} then {@code orderId} (a total, deterministic
 * order: equal entries give equal lists, whatever the order they came in). Assembled per query from the
 * per-order entries of the index; never stored as one value, so that an order's update costs the same however
 * many orders its customer has.
 */
public record CustomerOrders(String customerId, List<CustomerOrder> orders) {

    /** Oldest first; orderId breaks ties so that two orders placed at the same instant keep a stable order. */
    static final Comparator<CustomerOrder> ORDERING = Comparator
            .comparing(CustomerOrder::placedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CustomerOrder::orderId);

    public CustomerOrders {
        Objects.requireNonNull(customerId, "customerId");
        orders = List.copyOf(Objects.requireNonNull(orders, "orders"));
    }

    /** A customer with no orders. */
    public static CustomerOrders empty(String customerId) {
        return new CustomerOrders(customerId, List.of());
    }

    /** The list of these entries (one per order, in any order), sorted. */
    public static CustomerOrders of(String customerId, Collection<CustomerOrder> entries) {
        List<CustomerOrder> sorted = new ArrayList<>(entries);
        sorted.sort(ORDERING);
        return new CustomerOrders(customerId, sorted);
    }
}
