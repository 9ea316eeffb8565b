package io.shopstreams.order.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The customer index: a customer's orders, each as of its latest known state, at most one entry per orderId,
 * sorted by {@code placedAt} then {@code orderId} (a total, deterministic order: equal inputs give equal lists,
 * whatever the order the updates came in). Immutable; stored as JSON by Jackson as a plain record.
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

    /**
     * The index after an order reached a new state; pure, never null. Inserts the order's entry, or replaces the
     * entry with the same orderId. An update older than the entry it would replace (a lower version, e.g. a
     * re-delivered change) leaves the index as it is, so applying the same state twice changes nothing.
     *
     * @param current    the index so far, or null for a customer not seen yet
     * @param customerId the customer whose index this is
     * @param order      an existing order of customer {@code customerId}
     * @throws IllegalArgumentException if the order does not exist or belongs to another customer, or if
     *                                  {@code current} is another customer's index
     */
    public static CustomerOrders evolve(CustomerOrders current, String customerId, Order order) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(order, "order");
        if (current != null && !current.customerId().equals(customerId)) {
            throw new IllegalArgumentException("the index of customer " + current.customerId()
                    + " cannot be updated as customer " + customerId);
        }
        CustomerOrder entry = CustomerOrder.of(order);
        if (!customerId.equals(order.customerId())) {
            throw new IllegalArgumentException("order " + order.orderId() + " belongs to customer "
                    + order.customerId() + ", not " + customerId);
        }
        List<CustomerOrder> orders = new ArrayList<>(current == null ? List.of() : current.orders());
        for (int i = 0; i < orders.size(); i++) {
            if (orders.get(i).orderId().equals(entry.orderId())) {
                if (orders.get(i).version() > entry.version()) {
                    return current;
                }
                orders.remove(i);
                break;
            }
        }
        orders.add(entry);
        orders.sort(ORDERING);
        return new CustomerOrders(customerId, orders);
    }
}
