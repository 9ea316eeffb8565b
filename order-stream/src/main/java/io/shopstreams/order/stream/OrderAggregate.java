package io.shopstreams.order.stream;

import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderDecider;
import io.shopstreams.service.DecisionMetrics;
import io.shopstreams.service.aggregate.Aggregate;

/** The order's domain as the shared pipeline sees it. */
enum OrderAggregate implements Aggregate<Order, OrderEvent> {
    INSTANCE;

    @Override
    public String noun() {
        return "order";
    }

    @Override
    public Order initial(String id) {
        return Order.none(id);
    }

    @Override
    public Order evolve(Order state, OrderEvent event) {
        return OrderDecider.evolve(state, event);
    }

    @Override
    public boolean exists(Order state) {
        return state.exists();
    }

    @Override
    public long version(Order state) {
        return state.version();
    }

    @Override
    public String aggregateId(OrderEvent event) {
        return event.orderId();
    }

    @Override
    public long eventVersion(OrderEvent event) {
        return event.version();
    }

    @Override
    public String causeId(OrderEvent event) {
        return event.commandId();
    }

    @Override
    public CommandOutcome outcome(OrderEvent event) {
        return CommandOutcome.of(event);
    }

    /** A checkout answered with {@code OrderRejected} is the saga's rejection path, counted apart from commands. */
    @Override
    public void count(OrderEvent event, DecisionMetrics metrics) {
        if (event instanceof OrderEvent.OrderRejected rejected) {
            metrics.orderRejected(rejected.code());
        } else {
            Aggregate.super.count(event, metrics);
        }
    }
}
