package io.shopstreams.order.stream;

import io.shopstreams.order.domain.CustomerOrder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the customer index: each order's latest entry, filed under its customer (records keyed by customerId). */
final class CustomerIndexer implements Processor<String, CustomerOrder, Void, Void> {
    private KeyValueStore<String, CustomerOrder> entries;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        entries = context.getStateStore(OrderStores.CUSTOMERS);
    }

    @Override
    public void process(Record<String, CustomerOrder> record) {
        String key = OrderStores.customerKey(record.key(), record.value().orderId());
        CustomerOrder current = entries.get(key);
        CustomerOrder latest = CustomerOrder.latest(current, record.value());
        if (latest != current) {
            entries.put(key, latest);
        }
    }
}
