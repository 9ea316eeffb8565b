package io.shopstreams.bench;

import io.shopstreams.service.replay.EventLogReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** A topic as a verifier sees it: its committed records (the rebuild's own reader), and its end offsets. */
final class CommittedLog {
    private CommittedLog() {
    }

    static void forEach(String bootstrap, List<String> topics, Consumer<ConsumerRecord<String, byte[]>> sink) {
        new EventLogReader(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))
                .readAll(topics, sink, (read, total) -> { });
    }

    static void forEach(String bootstrap, String topic, Consumer<ConsumerRecord<String, byte[]>> sink) {
        forEach(bootstrap, List.of(topic), sink);
    }

    /** How many committed records {@code topic} holds. */
    static long count(String bootstrap, String topic) {
        long[] count = {0};
        forEach(bootstrap, topic, record -> count[0]++);
        return count[0];
    }

    /** How many partitions {@code topic} has. */
    static int partitions(Admin admin, String topic) throws InterruptedException, ExecutionException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    /** The sum of the end offsets of {@code topic}'s partitions: its records plus its commit markers. */
    static long endOffsets(Admin admin, String topic) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        long sum = 0;
        for (var offset : admin.listOffsets(latest).all().get().values()) {
            sum += offset.offset();
        }
        return sum;
    }
}
