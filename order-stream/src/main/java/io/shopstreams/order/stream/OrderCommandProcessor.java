package io.shopstreams.order.stream;

import io.shopstreams.events.OrderCommand;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderDecider;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Instant;

/** Decides each order command against the order's state; a commandId already decided has no second effect. */
final class OrderCommandProcessor implements Processor<String, OrderCommand, String, OrderChange> {
    private final OrderObserver observer;
    private OrderWriter writer;

    OrderCommandProcessor(OrderObserver observer) {
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, OrderChange> context) {
        writer = new OrderWriter(context, observer);
    }

    @Override
    public void process(Record<String, OrderCommand> record) {
        String orderId = record.key();
        OrderCommand command = record.value();
        if (writer.alreadyDecided(orderId, command.commandId())) {
            return;
        }
        Order state = writer.load(orderId);
        writer.write(state, OrderDecider.decide(command, state, Instant.ofEpochMilli(record.timestamp())),
                record.timestamp());
    }
}
