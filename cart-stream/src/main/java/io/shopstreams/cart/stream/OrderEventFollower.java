package io.shopstreams.cart.stream;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartDecider;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.service.aggregate.AggregatePipeline;
import io.shopstreams.service.aggregate.AggregateWriter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;

/**
 * The cart's side of the saga, fed by {@code order-events} re-keyed by cartId: keeps the cart's view of its
 * order current and answers {@code OrderRejected} with {@code CartReopened}, once per rejection.
 */
final class OrderEventFollower implements Processor<String, OrderEvent, String, CartEvent> {
    private final AggregatePipeline<Cart, CartEvent, CartEvent> pipeline;
    private AggregateWriter<Cart, CartEvent, CartEvent> writer;
    private KeyValueStore<String, CartOrder> orders;

    OrderEventFollower(AggregatePipeline<Cart, CartEvent, CartEvent> pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void init(ProcessorContext<String, CartEvent> context) {
        writer = pipeline.writer(context);
        orders = context.getStateStore(CartStores.ORDERS);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        String cartId = record.key();
        OrderEvent event = record.value();
        String key = CartStores.orderKey(cartId, event.orderId());
        CartOrder order = CartOrder.evolve(orders.get(key), event);
        if (order != null) {
            orders.put(key, order);
        }
        if (event instanceof OrderEvent.OrderRejected rejected) {
            Instant at = Instant.ofEpochMilli(record.timestamp());
            writer.decideOnce(cartId, rejected.eventId(), record,
                    cart -> CartDecider.react(rejected, cart, at));
        }
    }
}
