package io.shopstreams.shopctl.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.kafka.KafkaClients;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reads the catalog topic from the beginning to its current end, as a global table would. */
public final class CatalogReader {
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private CatalogReader() {
    }

    /** The latest product recorded for {@code sku}; empty when there is none or it was deleted (tombstone). */
    static Optional<Product> current(KafkaOptions kafka, String sku) {
        String bootstrap = kafka.bootstrapServers();
        byte[] key = sku.getBytes(StandardCharsets.UTF_8);
        byte[] latest = null;
        try (Consumer<byte[], byte[]> consumer = KafkaClients.consumer(kafka)) {
            List<TopicPartition> partitions = KafkaClients.partitions(consumer, Topics.PRODUCTS.name(), bootstrap);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KafkaClients.CALL_TIMEOUT);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw CliFailure.failure("could not read topic " + Topics.PRODUCTS.name() + " to its end within "
                            + READ_LIMIT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (Arrays.equals(key, record.key())) {
                        latest = record.value();
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unreachable(bootstrap);
        }
        if (latest == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonCodec.PRODUCTS.decode(latest));
        } catch (InvalidMessageException e) {
            throw CliFailure.failure("the latest record of " + sku + " is not a product: " + e.code() + ": "
                    + e.getMessage());
        }
    }

    private static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }
}
