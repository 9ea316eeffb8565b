package io.shopstreams.order.stream;

import io.shopstreams.events.CommandOutcome;
import io.shopstreams.order.domain.CustomerOrder;
import io.shopstreams.order.domain.Order;
import io.shopstreams.service.aggregate.AggregateStores;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The order service's state stores, each a fold of {@code order-events}: {@link #ORDERS} per order,
 * {@link #CUSTOMERS} per order under its customer (partitioned by customerId, not orderId), {@link #OUTCOMES}
 * the memory of decided commands and checkouts.
 */
public final class OrderStores {
    /** orderId -> {@link Order}; rejected checkouts too (status REJECTED), so their outcome is queryable. */
    public static final String ORDERS = "order-store";
    /**
     * customerId|orderId -> {@link CustomerOrder}: the customer index, one entry per order, listed with a prefix
     * scan of {@link #customerPrefix}. One entry per order rather than one list per customer: a list is read and
     * rewritten whole on every update of any of its orders, the profile's biggest cost of an order command.
     */
    public static final String CUSTOMERS = "customer-order-entries";
    /** orderId|commandId -> {@link CommandOutcome}: see {@link OutcomeMemory}. */
    public static final String OUTCOMES = "order-outcome-store";

    /** The order aggregate's own two stores. */
    public static final AggregateStores<Order> AGGREGATE = new AggregateStores<>(ORDERS, OUTCOMES, Order.class);

    private OrderStores() {
    }

    static StoreBuilder<KeyValueStore<String, CustomerOrder>> customers() {
        return AggregateStores.keyValue(CUSTOMERS, CustomerOrder.class);
    }

    /** The {@link #CUSTOMERS} key of an order's entry. */
    public static String customerKey(String customerId, String orderId) {
        return OutcomeMemory.key(customerId, orderId);
    }

    /** The prefix of every {@link #CUSTOMERS} key of this customer's orders. */
    public static String customerPrefix(String customerId) {
        return OutcomeMemory.prefix(customerId);
    }
}
