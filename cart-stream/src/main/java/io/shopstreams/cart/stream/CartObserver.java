package io.shopstreams.cart.stream;

import io.shopstreams.events.CartEvent;

/** Told by the stream thread what it decided: feeds long polls and metrics. Must be cheap and never throw. */
public interface CartObserver {
    CartObserver NONE = new CartObserver() {
    };

    /** {@code event} was written for its cart; {@code version} is the cart's version after it. */
    default void decided(CartEvent event) {
    }

    /** A command that was already decided arrived again and was ignored. */
    default void duplicate(String cartId, String commandId) {
    }
}
