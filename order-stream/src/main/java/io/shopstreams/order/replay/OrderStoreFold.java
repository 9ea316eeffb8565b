package io.shopstreams.order.replay;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import io.shopstreams.order.domain.CustomerOrders;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.stream.OrderStores;
import io.shopstreams.order.stream.OrderTopology;
import io.shopstreams.service.aggregate.AggregateFold;
import io.shopstreams.service.replay.FoldSpace;
import io.shopstreams.service.replay.StoreFold;
import io.shopstreams.service.replay.StoreSink;
import io.shopstreams.service.stream.StoreSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The order service's stores as a fold of {@code order-events}, with the same {@code evolve} the live
 * processors use; the customer index follows from the folded orders. Events after {@code until} (epoch
 * millis) are left out, for point-in-time audits.
 */
public final class OrderStoreFold implements StoreFold {
    private final long until;
    private final FoldSpace space = FoldSpace.temporary();
    private final AggregateFold<Order, OrderEvent> orders = OrderTopology.fold(space);
    private final StoreSerde<CustomerOrders> customerSerde = new StoreSerde<>(CustomerOrders.class);

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
        if (record.timestamp() <= until) {
            orders.accept(JsonCodec.ORDER_EVENTS.decode(record.value()), record.timestamp());
        }
    }

    /**
     * The customer index follows from each order's final state (evolve ignores arrival order), so it is folded
     * only now, from the folded orders, in the same space.
     */
    @Override
    public void emit(StoreSink sink) {
        orders.emit(sink);
        FoldSpace.FoldMap<CustomerOrders> customers = space.map(customerSerde);
        orders.forEachState((orderId, order) -> {
            if (order.customerId() != null) {
                customers.put(order.customerId(),
                        CustomerOrders.evolve(customers.get(order.customerId()), order.customerId(), order));
            }
        });
        Serializer<CustomerOrders> customerSerializer = customerSerde.serializer();
        customers.forEach((customerId, index) -> sink.keyValue(OrderStores.CUSTOMERS, customerId, customerId,
                customerSerializer.serialize(null, index), 0L));
    }

    @Override
    public void forEachAggregate(BiConsumer<String, Object> action) {
        orders.forEachState(action::accept);
    }

    @Override
    public void close() {
        space.close();
    }
}
