package io.shopstreams.order.replay;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.order.domain.CustomerOrders;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderDecider;
import io.shopstreams.order.stream.OrderStores;
import io.shopstreams.service.replay.StoreFold;
import io.shopstreams.service.replay.StoreSink;
import io.shopstreams.service.stream.JsonStoreSerde;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order service's stores as a fold of {@code order-events}, with the same {@code evolve} the live
 * processors use; the customer index follows from the folded orders. Events after {@code until} (epoch
 * millis) are left out, for point-in-time audits.
 */
public final class OrderStoreFold implements StoreFold {
    private record Outcome(String orderId, String key, CommandOutcome outcome, long timestamp) {
    }

    private final long until;
    private final Map<String, Order> orders = new TreeMap<>();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();

    public OrderStoreFold(long until) {
        this.until = until;
    }

    public static List<String> stores() {
        return List.of(OrderStores.ORDERS, OrderStores.CUSTOMERS, OrderStores.OUTCOMES);
    }

    @Override
    public List<String> sourceTopics() {
        return List.of(Topics.ORDER_EVENTS.name());
    }

    @Override
    public void accept(ConsumerRecord<String, byte[]> record) {
        if (record.timestamp() > until) {
            return;
        }
        OrderEvent event = JsonCodec.ORDER_EVENTS.decode(record.value());
        Order next = OrderDecider.evolve(orders.getOrDefault(event.orderId(), Order.none(event.orderId())), event);
        if (next.exists()) {
            orders.put(next.orderId(), next);
        }
        String key = OutcomeMemory.key(event.orderId(), event.commandId());
        outcomes.put(key, new Outcome(event.orderId(), key, CommandOutcome.of(event), record.timestamp()));
    }

    @Override
    public void emit(StoreSink sink) {
        var orderSerde = new JsonStoreSerde<>(Order.class).serializer();
        var customerSerde = new JsonStoreSerde<>(CustomerOrders.class).serializer();
        var outcomeSerde = new JsonStoreSerde<>(CommandOutcome.class).serializer();
        orders.forEach((orderId, order) -> sink.keyValue(OrderStores.ORDERS, orderId, orderId,
                orderSerde.serialize(null, order), 0L));
        customers().forEach((customerId, index) -> sink.keyValue(OrderStores.CUSTOMERS, customerId, customerId,
                customerSerde.serialize(null, index), 0L));
        outcomes.values().forEach(entry -> sink.window(OrderStores.OUTCOMES, entry.orderId(), entry.key(),
                entry.timestamp(), outcomeSerde.serialize(null, entry.outcome())));
    }

    /** The customer index: each order's final state under its customer (evolve ignores arrival order). */
    private Map<String, CustomerOrders> customers() {
        Map<String, CustomerOrders> customers = new TreeMap<>();
        orders.values().stream().filter(order -> order.customerId() != null).forEach(order ->
                customers.put(order.customerId(),
                        CustomerOrders.evolve(customers.get(order.customerId()), order.customerId(), order)));
        return customers;
    }

    @Override
    public Map<String, Object> aggregates() {
        return new TreeMap<>(orders);
    }
}
