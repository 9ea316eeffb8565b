package io.shopstreams.shopctl.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one topic's committed records, raw bytes and headers, up to the end offsets seen at the start: from
 * the beginning, or from the first record at or after a point in time. Joins no group, commits nothing.
 */
public final class TopicScan {
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicScan() {
    }

    /** Every record of {@code topic} from {@code from} (null: the beginning), in per-partition order. */
    public static void read(KafkaOptions options, String topic, Instant from, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        String bootstrap = options.bootstrapServers();
        try (org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = KafkaClients.consumer(options)) {
            List<TopicPartition> partitions = KafkaClients.partitions(consumer, topic, bootstrap);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KafkaClients.CALL_TIMEOUT);
            seek(consumer, partitions, from, end);
            while (!caughtUp(consumer, partitions, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        sink.accept(record);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unreachable(bootstrap);
        }
    }

    private static void seek(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
                             List<TopicPartition> partitions, Instant from, Map<TopicPartition, Long> end) {
        if (from == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, KafkaClients.CALL_TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp first = found.get(partition);
            // No record that late: nothing to read on this partition.
            consumer.seek(partition, first == null ? end.get(partition) : first.offset());
        }
    }

    private static boolean caughtUp(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
                                    List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            // Transaction markers take offsets too: compare positions, not counts of records.
            if (consumer.position(partition, KafkaClients.CALL_TIMEOUT) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }
}
