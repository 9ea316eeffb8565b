package io.shopstreams.order.stream;

import io.shopstreams.events.OrderEvent;
import io.shopstreams.order.domain.Order;

/** One decided event with the order's state after it: the event goes to order-events, the state to the index. */
public record OrderChange(OrderEvent event, Order order) {
}
