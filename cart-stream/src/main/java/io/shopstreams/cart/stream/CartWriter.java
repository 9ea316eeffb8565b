package io.shopstreams.cart.stream;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartDecider;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.CartEvent;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.util.List;

/**
 * The one place where a cart's decided events become state and output: fold them into the cart, remember the
 * outcome of their cause, forward them. Used by both cart processors so that live state is always exactly the
 * fold of the emitted events.
 */
final class CartWriter {
    private final ProcessorContext<String, CartEvent> context;
    private final KeyValueStore<String, Cart> carts;
    private final OutcomeMemory<CommandOutcome> outcomes;
    private final CartObserver observer;

    CartWriter(ProcessorContext<String, CartEvent> context, CartObserver observer) {
        this.context = context;
        this.carts = context.getStateStore(CartStores.CARTS);
        this.outcomes = new OutcomeMemory<>(context.<WindowStore<String, CommandOutcome>>getStateStore(CartStores.OUTCOMES));
        this.observer = observer;
    }

    Cart load(String cartId) {
        Cart cart = carts.get(cartId);
        return cart == null ? Cart.empty(cartId) : cart;
    }

    /** Whether {@code causeId} (a commandId, or an order event's id) was already decided for this cart. */
    boolean alreadyDecided(String cartId, String causeId) {
        return outcomes.alreadyDecided(cartId, causeId);
    }

    void write(Cart state, List<CartEvent> events, long timestamp) {
        Cart next = state;
        for (CartEvent event : events) {
            next = CartDecider.evolve(next, event);
        }
        if (next.exists() && next.version() != state.version()) {
            carts.put(next.cartId(), next);
        }
        for (CartEvent event : events) {
            outcomes.remember(event.cartId(), event.commandId(), CommandOutcome.of(event), timestamp);
            context.forward(new Record<>(event.cartId(), event, timestamp));
            observer.decided(event);
        }
    }
}
