package io.shopstreams.order.stream;

import io.shopstreams.events.OrderEvent;
import io.shopstreams.order.domain.CommandOutcome;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderDecider;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.util.List;

/**
 * The one place where an order's decided events become state and output: fold, remember the outcome of their
 * cause, forward each with the state after it. Live state is thus always exactly the fold of the events.
 */
final class OrderWriter {
    private final ProcessorContext<String, OrderChange> context;
    private final KeyValueStore<String, Order> orders;
    private final OutcomeMemory<CommandOutcome> outcomes;
    private final OrderObserver observer;

    OrderWriter(ProcessorContext<String, OrderChange> context, OrderObserver observer) {
        this.context = context;
        this.orders = context.getStateStore(OrderStores.ORDERS);
        this.outcomes = new OutcomeMemory<>(context.<WindowStore<String, CommandOutcome>>getStateStore(OrderStores.OUTCOMES));
        this.observer = observer;
    }

    Order load(String orderId) {
        Order order = orders.get(orderId);
        return order == null ? Order.none(orderId) : order;
    }

    boolean alreadyDecided(String orderId, String causeId) {
        boolean decided = outcomes.alreadyDecided(orderId, causeId);
        if (decided) {
            observer.duplicate(orderId, causeId);
        }
        return decided;
    }

    void write(Order state, List<OrderEvent> events, long timestamp) {
        Order next = state;
        for (OrderEvent event : events) {
            next = OrderDecider.evolve(next, event);
            outcomes.remember(event.orderId(), event.commandId(), CommandOutcome.of(event), timestamp);
            context.forward(new Record<>(event.orderId(), new OrderChange(event, next), timestamp));
            observer.decided(event);
        }
        if (next.exists() && next.version() != state.version()) {
            orders.put(next.orderId(), next);
        }
    }
}
