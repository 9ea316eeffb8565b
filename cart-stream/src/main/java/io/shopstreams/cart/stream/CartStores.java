package io.shopstreams.cart.stream;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.service.aggregate.AggregateStores;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The cart service's state stores. Each is exactly a fold of events, so that a rebuild from the event topics
 * gives the same content: {@link #CARTS} folds {@code cart-events}, {@link #ORDERS} folds {@code order-events}
 * by cartId, {@link #OUTCOMES} records each event's commandId (the memory of decided commands).
 */
public final class CartStores {
    /** cartId -> {@link Cart}; only carts that exist (version > 0). */
    public static final String CARTS = "cart-store";
    /**
     * cartId|orderId -> {@link CartOrder}: the status of each order of the cart. Keyed per order, not per cart,
     * so that the fold does not depend on how events of two orders (on two partitions) interleave.
     */
    public static final String ORDERS = "cart-order-store";
    /** cartId|commandId -> {@link CommandOutcome}: see {@link OutcomeMemory}. */
    public static final String OUTCOMES = "cart-outcome-store";

    /** The cart aggregate's own two stores. */
    public static final AggregateStores<Cart> AGGREGATE = new AggregateStores<>(CARTS, OUTCOMES, Cart.class);

    private CartStores() {
    }

    /** The key of one order's status in {@link #ORDERS}. */
    public static String orderKey(String cartId, String orderId) {
        return OutcomeMemory.key(cartId, orderId);
    }

    /** The cartId of an {@link #orderKey}: what it is partitioned by. */
    public static String cartIdOfOrderKey(String orderKey) {
        return OutcomeMemory.aggregateIdOf(orderKey);
    }

    static StoreBuilder<KeyValueStore<String, CartOrder>> orders() {
        return AggregateStores.keyValue(ORDERS, CartOrder.class);
    }
}
