package io.shopstreams.order.stream;

import io.shopstreams.events.OrderEvent;

/** Told by the stream thread what it decided: feeds long polls and metrics. Must be cheap and never throw. */
public interface OrderObserver {
    OrderObserver NONE = new OrderObserver() {
    };

    default void decided(OrderEvent event) {
    }

    default void duplicate(String orderId, String causeId) {
    }
}
