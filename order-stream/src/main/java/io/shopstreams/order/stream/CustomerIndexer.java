package io.shopstreams.order.stream;

import io.shopstreams.order.domain.CustomerOrders;
import io.shopstreams.order.domain.Order;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the customer index: each order's latest state, filed under its customer (records keyed by customerId). */
final class CustomerIndexer implements Processor<String, Order, Void, Void> {
    private KeyValueStore<String, CustomerOrders> customers;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        customers = context.getStateStore(OrderStores.CUSTOMERS);
    }

    @Override
    public void process(Record<String, Order> record) {
        String customerId = record.key();
        customers.put(customerId, CustomerOrders.evolve(customers.get(customerId), customerId, record.value()));
    }
}
