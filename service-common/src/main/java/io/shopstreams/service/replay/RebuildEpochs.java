package io.shopstreams.service.replay;

import io.shopstreams.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The rebuild epoch of each service (docs/contract.md, section 5): a counter in the compacted topic
 * {@code rebuild-epochs} ({@link Topics#REBUILD_EPOCHS}), keyed by application id, raised by every full rebuild. An instance keeps
 * the epoch its local state was built under in its state dir; when the cluster's is different, its local
 * state predates a rebuild and must be discarded before it serves anything.
 */
public final class RebuildEpochs {
    private RebuildEpochs() {
    }

    /** The latest epoch recorded for {@code applicationId}; 0 when none (never rebuilt, or no topic yet). */
    public static long read(Map<String, Object> clientConfig, String applicationId) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Reading must never create a topic as a side effect.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.REBUILD_EPOCHS.name(), Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            long epoch = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(15)) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (applicationId.equals(record.key()) && record.value() != null) {
                        epoch = Long.parseLong(record.value().trim());
                    }
                }
            }
            return epoch;
        }
    }

    /** Records {@code epoch} as the latest for {@code applicationId} (waits for the acknowledgement). */
    public static void write(Map<String, Object> clientConfig, String applicationId, long epoch) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.REBUILD_EPOCHS.name(), applicationId, Long.toString(epoch))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the rebuild epoch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot record the rebuild epoch: " + e.getCause().getMessage(), e);
        }
    }

    /** The epoch the local state in {@code stateDir} was built under; 0 when never recorded. */
    public static long local(Path stateDir, String applicationId) {
        Path file = localFile(stateDir, applicationId);
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            // An unreadable marker says nothing trustworthy about the state: treat it as the oldest epoch.
            return -1;
        }
    }

    public static void recordLocal(Path stateDir, String applicationId, long epoch) {
        try {
            Files.createDirectories(stateDir);
            Files.writeString(localFile(stateDir, applicationId), Long.toString(epoch), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rebuild epoch in " + stateDir, e);
        }
    }

    private static Path localFile(Path stateDir, String applicationId) {
        return stateDir.resolve(applicationId + ".rebuild-epoch");
    }
}
