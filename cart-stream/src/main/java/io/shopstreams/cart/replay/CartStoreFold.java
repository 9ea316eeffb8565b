package io.shopstreams.cart.replay;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.cart.stream.CartTopology;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import io.shopstreams.service.aggregate.AggregateFold;
import io.shopstreams.service.replay.FoldSpace;
import io.shopstreams.service.replay.StoreFold;
import io.shopstreams.service.replay.StoreSink;
import io.shopstreams.service.stream.StoreSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The cart service's stores as a fold of {@code cart-events} and {@code order-events}, with the same
 * {@code evolve} functions the live processors use. Events after {@code until} (epoch millis) are left out,
 * for point-in-time audits; {@code Long.MAX_VALUE} folds everything.
 */
public final class CartStoreFold implements StoreFold {
    private final long until;
    private final FoldSpace space = FoldSpace.temporary();
    private final AggregateFold<Cart, CartEvent> carts = CartTopology.fold(space);
    private final FoldSpace.FoldMap<CartOrder> orders = space.map(new StoreSerde<>(CartOrder.class));

    public CartStoreFold(long until) {
        this.until = until;
    }

    /** The stores this fold rebuilds (the catalog is a global store: its source topic is its changelog). */
    public static List<String> stores() {
        return List.of(CartStores.CARTS, CartStores.ORDERS, CartStores.OUTCOMES);
    }

    @Override
    public List<String> sourceTopics() {
        return List.of(Topics.CART_EVENTS.name(), Topics.ORDER_EVENTS.name());
    }

    @Override
    public void accept(ConsumerRecord<String, byte[]> record) {
        if (record.timestamp() > until) {
            return;
        }
        if (record.topic().equals(Topics.CART_EVENTS.name())) {
            carts.accept(JsonCodec.CART_EVENTS.decode(record.value()), record.timestamp());
            return;
        }
        OrderEvent event = JsonCodec.ORDER_EVENTS.decode(record.value());
        if (event instanceof OrderEvent.CommandRejected) {
            return;
        }
        String key = CartStores.orderKey(event.cartId(), event.orderId());
        CartOrder current = orders.get(key);
        CartOrder next = CartOrder.evolve(current, event);
        if (next != null) {
            orders.put(key, next);
        }
    }

    @Override
    public void emit(StoreSink sink) {
        carts.emit(sink);
        orders.forEachSerialized((key, order) -> sink.keyValue(CartStores.ORDERS, CartStores.cartIdOfOrderKey(key),
                key, order, 0L));
    }

    @Override
    public void forEachAggregate(BiConsumer<String, Object> action) {
        carts.forEachState((cartId, cart) -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("cart", cart);
            state.put("order", cart.orderId() == null ? null
                    : orders.get(CartStores.orderKey(cartId, cart.orderId())));
            action.accept(cartId, state);
        });
    }

    @Override
    public void close() {
        space.close();
    }
}
