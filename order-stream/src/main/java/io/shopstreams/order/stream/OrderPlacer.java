package io.shopstreams.order.stream;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Product;
import io.shopstreams.order.domain.Catalog;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderDecider;
import io.shopstreams.order.domain.OrderPolicy;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.time.Instant;
import java.util.Optional;

/**
 * The order side of the saga: each {@code CartCheckedOut}, re-keyed by its orderId, becomes exactly one
 * {@code OrderPlaced} or {@code OrderRejected}, judged against the catalog as it is at that moment.
 */
final class OrderPlacer implements Processor<String, CartEvent.CartCheckedOut, String, OrderChange> {
    private final OrderPolicy policy;
    private final OrderObserver observer;
    private OrderWriter writer;
    private Catalog catalog;

    OrderPlacer(OrderPolicy policy, OrderObserver observer) {
        this.policy = policy;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, OrderChange> context) {
        writer = new OrderWriter(context, observer);
        TimestampedKeyValueStore<String, Product> products = context.getStateStore(OrderStores.PRODUCTS);
        catalog = sku -> Optional.ofNullable(products.get(sku)).map(ValueAndTimestamp::value);
    }

    @Override
    public void process(Record<String, CartEvent.CartCheckedOut> record) {
        CartEvent.CartCheckedOut checkout = record.value();
        if (writer.alreadyDecided(checkout.orderId(), checkout.eventId())) {
            return;
        }
        Order state = writer.load(checkout.orderId());
        writer.write(state, OrderDecider.place(checkout, state, catalog, policy, Instant.ofEpochMilli(record.timestamp())),
                record.timestamp());
    }
}
