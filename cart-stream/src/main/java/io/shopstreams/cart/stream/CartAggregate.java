package io.shopstreams.cart.stream;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartDecider;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.service.aggregate.Aggregate;

/** The cart's domain as the shared pipeline sees it. */
enum CartAggregate implements Aggregate<Cart, CartEvent> {
    INSTANCE;

    @Override
    public String noun() {
        return "cart";
    }

    @Override
    public Cart initial(String id) {
        return Cart.empty(id);
    }

    @Override
    public Cart evolve(Cart state, CartEvent event) {
        return CartDecider.evolve(state, event);
    }

    @Override
    public boolean exists(Cart state) {
        return state.exists();
    }

    @Override
    public long version(Cart state) {
        return state.version();
    }

    @Override
    public String aggregateId(CartEvent event) {
        return event.cartId();
    }

    @Override
    public long eventVersion(CartEvent event) {
        return event.version();
    }

    @Override
    public String causeId(CartEvent event) {
        return event.commandId();
    }

    @Override
    public CommandOutcome outcome(CartEvent event) {
        return CommandOutcome.of(event);
    }
}
