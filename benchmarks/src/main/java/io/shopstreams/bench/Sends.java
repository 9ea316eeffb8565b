package io.shopstreams.bench;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends that are checked: {@code send} without a callback drops a record whose delivery fails, and a benchmark
 * that lost part of its input measures the wrong run. {@link #flush} fails when any send did.
 */
final class Sends<K, V> {
    private final Producer<K, V> producer;
    private final AtomicReference<Exception> first = new AtomicReference<>();
    private final java.util.List<ProducerRecord<K, V>> undelivered =
            java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    Sends(Producer<K, V> producer) {
        this.producer = producer;
    }

    void send(ProducerRecord<K, V> record) {
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                undelivered.add(record);
                first.compareAndSet(null, exception);
            }
        });
    }

    /**
     * Waits for every send; the records whose delivery failed, for a caller that can send them again. Only
     * for records whose repetition is harmless (a command re-sent with its commandId has no second outcome).
     */
    java.util.List<ProducerRecord<K, V>> flushForRetry() {
        producer.flush();
        synchronized (undelivered) {
            return java.util.List.copyOf(undelivered);
        }
    }

    /** The first cause of a failed send, or null. */
    Exception firstFailure() {
        return first.get();
    }

    /** Waits for every send; throws when any failed, naming how many and the first cause. */
    void flush() {
        int failed = flushForRetry().size();
        if (failed > 0) {
            throw new IllegalStateException(failed + " records were not delivered", first.get());
        }
    }
}
