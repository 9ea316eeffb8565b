package io.shopstreams.cart.stream;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartDecider;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.OrderEvent;
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
    private final CartObserver observer;
    private CartWriter writer;
    private KeyValueStore<String, CartOrder> orders;

    OrderEventFollower(CartObserver observer) {
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, CartEvent> context) {
        writer = new CartWriter(context, observer);
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
        if (event instanceof OrderEvent.OrderRejected rejected && !writer.alreadyDecided(cartId, rejected.eventId())) {
            Cart state = writer.load(cartId);
            writer.write(state, CartDecider.react(rejected, state, Instant.ofEpochMilli(record.timestamp())),
                    record.timestamp());
        }
    }
}
