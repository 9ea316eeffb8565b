package io.shopstreams.order.stream;

import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderDecider;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place where an order's decided events become state and output: fold, put, then remember the outcome of
 * their cause and forward each with the state after it. Live state is thus always exactly the fold of the events.
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
        List<OrderChange> changes = new ArrayList<>(events.size());
        Order next = state;
        for (OrderEvent event : events) {
            next = OrderDecider.evolve(next, event);
            changes.add(new OrderChange(event, next));
        }
        // Put before forwarding: should anything downstream fail, no event is out while the store still holds the
        // state before it (a processing error is a dead letter and processing resumes, keeping what was done).
        if (next.exists() && next.version() != state.version()) {
            orders.put(next.orderId(), next);
        }
        for (OrderChange change : changes) {
            OrderEvent event = change.event();
            outcomes.remember(event.orderId(), event.commandId(), CommandOutcome.of(event), timestamp);
            context.forward(new Record<>(event.orderId(), change, timestamp));
            observer.decided(event);
        }
    }
}
