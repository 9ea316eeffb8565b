package io.shopstreams.service.replay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads topics from their beginning to the end offsets seen at start, committed records only (the services
 * write transactionally, so aborted writes must not be folded), without a consumer group.
 */
public final class EventLogReader {
    private final Map<String, Object> clientConfig;

    public EventLogReader(Map<String, Object> clientConfig) {
        this.clientConfig = clientConfig;
    }

    /** Reports progress while reading. */
    @FunctionalInterface
    public interface Progress {
        void update(long read, long total);
    }

    /** Reads every record of {@code topics} up to the current end, in per-partition order; returns the count. */
    public long readAll(List<String> topics, Consumer<ConsumerRecord<String, byte[]>> sink, Progress progress) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Reading must never create a topic as a side effect.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(15));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            consumer.seekToBeginning(partitions);
            long total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            long read = 0;
            progress.update(0, total);
            while (!caughtUp(consumer, partitions, end)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition)) {
                        sink.accept(record);
                        read++;
                    }
                }
                progress.update(read, total);
            }
            return read;
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                    Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            // Transaction markers occupy offsets too, so compare positions, not record counts.
            if (consumer.position(partition, Duration.ofSeconds(15)) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }
}
