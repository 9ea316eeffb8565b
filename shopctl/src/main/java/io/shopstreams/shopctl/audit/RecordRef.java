package io.shopstreams.shopctl.audit;

import java.util.Comparator;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where a record sits: {@code topic-partition@offset}, as violations name it. */
record RecordRef(String topic, int partition, long offset) {
    static final Comparator<RecordRef> ORDER = Comparator.comparing(RecordRef::topic)
            .thenComparing(RecordRef::partition).thenComparing(RecordRef::offset);

    static RecordRef of(ConsumerRecord<?, ?> record) {
        return new RecordRef(record.topic(), record.partition(), record.offset());
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
