package io.shopstreams.cart.replay;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartDecider;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
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
 * The cart service's stores as a fold of {@code cart-events} and {@code order-events}, with the same
 * {@code evolve} functions the live processors use. Events after {@code until} (epoch millis) are left out,
 * for point-in-time audits; {@code Long.MAX_VALUE} folds everything.
 */
public final class CartStoreFold implements StoreFold {
    private record Outcome(String cartId, String key, CommandOutcome outcome, long timestamp) {
    }

    private final long until;
    private final Map<String, Cart> carts = new TreeMap<>();
    private final Map<String, CartOrder> orders = new TreeMap<>();
    private final Map<String, String> orderCarts = new TreeMap<>();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();

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
            CartEvent event = JsonCodec.CART_EVENTS.decode(record.value());
            Cart next = CartDecider.evolve(carts.getOrDefault(event.cartId(), Cart.empty(event.cartId())), event);
            if (next.exists()) {
                carts.put(next.cartId(), next);
            }
            String key = OutcomeMemory.key(event.cartId(), event.commandId());
            outcomes.put(key, new Outcome(event.cartId(), key, CommandOutcome.of(event), record.timestamp()));
        } else {
            OrderEvent event = JsonCodec.ORDER_EVENTS.decode(record.value());
            if (event instanceof OrderEvent.CommandRejected) {
                return;
            }
            String key = CartStores.orderKey(event.cartId(), event.orderId());
            CartOrder next = CartOrder.evolve(orders.get(key), event);
            if (next != null) {
                orders.put(key, next);
                orderCarts.put(key, event.cartId());
            }
        }
    }

    @Override
    public void emit(StoreSink sink) {
        var cartSerde = new JsonStoreSerde<>(Cart.class).serializer();
        var orderSerde = new JsonStoreSerde<>(CartOrder.class).serializer();
        var outcomeSerde = new JsonStoreSerde<>(CommandOutcome.class).serializer();
        carts.forEach((cartId, cart) -> sink.keyValue(CartStores.CARTS, cartId, cartId,
                cartSerde.serialize(null, cart), 0L));
        orders.forEach((key, order) -> sink.keyValue(CartStores.ORDERS, orderCarts.get(key), key,
                orderSerde.serialize(null, order), 0L));
        outcomes.values().forEach(entry -> sink.window(CartStores.OUTCOMES, entry.cartId(), entry.key(),
                entry.timestamp(), outcomeSerde.serialize(null, entry.outcome())));
    }

    @Override
    public Map<String, Object> aggregates() {
        Map<String, Object> states = new TreeMap<>();
        carts.forEach((cartId, cart) -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("cart", cart);
            state.put("order", cart.orderId() == null ? null
                    : orders.get(CartStores.orderKey(cartId, cart.orderId())));
            states.put(cartId, state);
        });
        return states;
    }
}
