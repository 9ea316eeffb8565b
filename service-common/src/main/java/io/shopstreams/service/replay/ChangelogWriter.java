package io.shopstreams.service.replay;

import io.shopstreams.service.replay.StateRebuilder.RebuildException;
import io.shopstreams.service.stream.KeyPartitioner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes rebuilt store entries as the records Kafka Streams itself would have logged to the stores' changelogs:
 * the same key bytes, each on the partition of the task that owns the entry, so that every instance restores
 * exactly its own part. Collects the first failed write, reported by {@link #finish()} once all are flushed.
 */
public final class ChangelogWriter implements StoreSink, AutoCloseable {
    private final String applicationId;
    private final Map<String, Integer> partitions;
    private final Producer<byte[], byte[]> producer;
    private final Map<String, Long> written = new LinkedHashMap<>();
    // A failure reaches the producer's callback on its own thread: kept here, thrown once all are flushed.
    private final AtomicReference<String> failed = new AtomicReference<>();

    /**
     * @param partitions the partition count of each changelog topic the entries may go to
     * @param producer   closed by {@link #close()}
     */
    public ChangelogWriter(String applicationId, Map<String, Integer> partitions, Producer<byte[], byte[]> producer) {
        this.applicationId = applicationId;
        this.partitions = Map.copyOf(partitions);
        this.producer = producer;
    }

    /** A writer with its own idempotent producer that waits for every replica ({@code acks=all}). */
    public static ChangelogWriter create(Map<String, Object> clientConfig, String applicationId,
                                         Map<String, Integer> partitions) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // The topics were created a moment ago: a first batch refused while a partition's leader settles, with
        // later batches of the same partition already in flight, left them OUT_OF_ORDER_SEQUENCE_NUMBER until
        // the delivery timeout (BenchIT, twice). One request in flight per broker keeps a retried batch first; a
        // request still carries the batches of every partition that broker leads.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new ChangelogWriter(applicationId, partitions,
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** The changelog topic Kafka Streams names for a store of the application. */
    public static String changelogTopic(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    @Override
    public void keyValue(String store, String partitionKey, String key, byte[] value, long timestamp) {
        send(store, partitionKey, utf8(key), value, timestamp);
    }

    /**
     * Flushes every write and reports how many entries went to each store.
     *
     * @throws RebuildException naming the first changelog a write to failed
     */
    public Map<String, Long> finish() {
        producer.flush();
        if (failed.get() != null) {
            throw new RebuildException(failed.get() + " (run the rebuild again)");
        }
        return new LinkedHashMap<>(written);
    }

    @Override
    public void close() {
        producer.close();
    }

    private void send(String store, String partitionKey, byte[] key, byte[] value, long timestamp) {
        String topic = changelogTopic(applicationId, store);
        Integer count = partitions.get(topic);
        if (count == null) {
            throw new IllegalStateException("the fold wrote store " + store + " that was not wiped");
        }
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, KeyPartitioner.partitionOf(partitionKey, count), timestamp, key, value);
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                failed.compareAndSet(null, "cannot write " + topic + ": " + failure.getMessage());
            }
        });
        written.merge(store, 1L, Long::sum);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
