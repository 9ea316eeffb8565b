package io.shopstreams.order.stream;

import io.shopstreams.events.CommandOutcome;
import io.shopstreams.order.domain.CustomerOrders;
import io.shopstreams.order.domain.Order;
import io.shopstreams.service.stream.JsonStoreSerde;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;

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
    /** sku -> Product, the catalog (a global store). */
    public static final String PRODUCTS = "products-store";

    private OrderStores() {
    }

    static StoreBuilder<KeyValueStore<String, Order>> orders() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS), Serdes.String(),
                new JsonStoreSerde<>(Order.class));
    }

    static StoreBuilder<KeyValueStore<String, CustomerOrders>> customers() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMERS), Serdes.String(),
                new JsonStoreSerde<>(CustomerOrders.class));
    }

    static StoreBuilder<WindowStore<String, CommandOutcome>> outcomes(Duration retention) {
        return OutcomeMemory.storeBuilder(OUTCOMES, retention, new JsonStoreSerde<>(CommandOutcome.class));
    }
}
