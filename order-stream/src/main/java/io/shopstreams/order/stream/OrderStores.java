package io.shopstreams.order.stream;

import io.shopstreams.events.CommandOutcome;
import io.shopstreams.order.domain.CustomerOrders;
import io.shopstreams.order.domain.Order;
import io.shopstreams.service.aggregate.AggregateStores;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The order service's state stores, each a fold of {@code order-events}: {@link #ORDERS} per order,
 * {@link #CUSTOMERS} per customer (partitioned by customerId, not orderId), {@link #OUTCOMES} the memory of
 * decided commands and checkouts.
 */
public final class OrderStores {
    /** orderId -> {@link Order}; rejected checkouts too (status REJECTED), so their outcome is queryable. */
    public static final String ORDERS = "order-store";
    /** customerId -> {@link CustomerOrders}: the customer index. */
    public static final String CUSTOMERS = "customer-orders-store";
    /** orderId|commandId -> {@link CommandOutcome}: see {@link OutcomeMemory}. */
    public static final String OUTCOMES = "order-command-outcomes";

    /** The order aggregate's own two stores. */
    public static final AggregateStores<Order> AGGREGATE = new AggregateStores<>(ORDERS, OUTCOMES, Order.class);

    private OrderStores() {
    }

    static StoreBuilder<KeyValueStore<String, CustomerOrders>> customers() {
        return AggregateStores.keyValue(CUSTOMERS, CustomerOrders.class);
    }
}
