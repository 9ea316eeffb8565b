package io.shopstreams.cart.stream;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartDecider;
import io.shopstreams.cart.domain.Catalog;
import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Product;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides each cart command against the cart's current state: get -> decide -> fold + remember -> forward.
 * A commandId already decided for the cart has no second effect and emits nothing.
 */
final class CartCommandProcessor implements Processor<String, CartCommand, String, CartEvent> {
    private final CartObserver observer;
    private CartWriter writer;
    private Catalog catalog;

    CartCommandProcessor(CartObserver observer) {
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, CartEvent> context) {
        writer = new CartWriter(context, observer);
        TimestampedKeyValueStore<String, Product> products = context.getStateStore(CartStores.PRODUCTS);
        catalog = sku -> Optional.ofNullable(products.get(sku)).map(ValueAndTimestamp::value);
    }

    @Override
    public void process(Record<String, CartCommand> record) {
        String cartId = record.key();
        CartCommand command = record.value();
        if (writer.alreadyDecided(cartId, command.commandId())) {
            observer.duplicate(cartId, command.commandId());
            return;
        }
        Cart state = writer.load(cartId);
        writer.write(state, CartDecider.decide(command, state, catalog, Instant.ofEpochMilli(record.timestamp())),
                record.timestamp());
    }
}
