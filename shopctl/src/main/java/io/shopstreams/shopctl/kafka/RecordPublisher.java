package io.shopstreams.shopctl.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.shopstreams.shopctl.cli.CliFailure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Produces keyed records to one project topic and waits until Kafka acknowledged every one of them (acks=all,
 * idempotent), or fails with one line. Checks first that the topic exists.
 */
public final class RecordPublisher {
    private static final Duration ACK_WAIT = KafkaClients.CALL_TIMEOUT.plusSeconds(10);

    /** Where an acknowledged record landed. */
    public record Sent(String topic, int partition, long offset) {
        static Sent of(RecordMetadata metadata) {
            return new Sent(metadata.topic(), metadata.partition(), metadata.offset());
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** A record to produce: key and value bytes. */
    public record Keyed(String key, byte[] value) {
    }

    private RecordPublisher() {
    }

    public static Sent publish(KafkaOptions options, String topic, String key, byte[] value) {
        return publishAll(options, topic, List.of(new Keyed(key, value))).get(0);
    }

    /** Sends all records in order and returns where each landed, once all are acknowledged. */
    public static List<Sent> publishAll(KafkaOptions options, String topic, List<Keyed> records) {
        String bootstrap = options.bootstrapServers();
        try (Admin admin = KafkaClients.admin(options)) {
            KafkaClients.requireTopic(admin, topic, bootstrap);
        }
        try (Producer<String, byte[]> producer = KafkaClients.producer(options)) {
            return sendAll(producer, topic, records, bootstrap);
        }
    }

    /** Sends on an open producer (which the caller closes) and waits for every acknowledgement. */
    public static List<Sent> sendAll(Producer<String, byte[]> producer, String topic, List<Keyed> records, String bootstrap) {
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        try {
            for (Keyed record : records) {
                pending.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
            }
            producer.flush();
            List<Sent> sent = new ArrayList<>();
            for (Future<RecordMetadata> ack : pending) {
                sent.add(Sent.of(ack.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)));
            }
            return sent;
        } catch (ExecutionException e) {
            throw KafkaClients.failed("the record for " + topic, e.getCause(), bootstrap);
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unreachable(bootstrap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failure("interrupted while waiting for Kafka to acknowledge", e);
        }
    }
}
