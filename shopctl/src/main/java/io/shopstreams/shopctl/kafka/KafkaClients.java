package io.shopstreams.shopctl.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.shopstreams.shopctl.cli.CliFailure;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of the CLI, each bounded in time: an unreachable cluster fails a command within about
 * {@link #CALL_TIMEOUT} with one line naming the bootstrap servers, never hangs. The command config's properties
 * come first so that users can tune them; what correctness needs (acks, idempotence, no groups) comes last.
 */
public final class KafkaClients {
    /** How long one call may wait for Kafka. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private static final int TIMEOUT_MS = (int) CALL_TIMEOUT.toMillis();

    private KafkaClients() {
    }

    public static Admin admin(KafkaOptions options) {
        Properties props = defaults();
        props.putAll(options.clientProperties());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "shopctl-admin");
        return Admin.create(props);
    }

    /** An idempotent acks=all producer of UTF-8 keys and raw values. */
    public static Producer<String, byte[]> producer(KafkaOptions options) {
        Properties props = defaults();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, TIMEOUT_MS + 5_000);
        props.putAll(options.clientProperties());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "shopctl-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The settings of the clients that service-common's replay classes create themselves (reader, rebuilder):
     * the command config, the bootstrap servers and the request timeouts every client type knows.
     */
    public static Map<String, Object> config(KafkaOptions options) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, TIMEOUT_MS);
        options.clientProperties().forEach((name, value) -> config.put(name.toString(), value));
        return config;
    }

    /**
     * A transactional producer of raw keys and values. One fixed {@code transactionalId} per task: a second
     * run of the same task fences the first, whose commit then fails, so two runs can never both publish.
     */
    public static Producer<byte[], byte[]> transactionalProducer(KafkaOptions options, String transactionalId) {
        Properties props = defaults();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT_MS);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, TIMEOUT_MS + 5_000);
        props.putAll(options.clientProperties());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "shopctl-" + transactionalId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer without a group: it assigns partitions itself and commits nothing. */
    public static Consumer<byte[], byte[]> consumer(KafkaOptions options) {
        Properties props = defaults();
        props.putAll(options.clientProperties());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "shopctl-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Fails unless {@code topic} exists; checked before producing, because a producer would wait out its whole
     * timeout for a missing topic (or a broker would auto-create it with the wrong settings).
     */
    public static void requireTopic(Admin admin, String topic, String bootstrapServers) {
        try {
            admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(TIMEOUT_MS))
                    .allTopicNames().get(TIMEOUT_MS + 1_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw missingTopic(topic, bootstrapServers);
            }
            throw failed("describeTopics", e.getCause(), bootstrapServers);
        } catch (TimeoutException e) {
            throw unreachable(bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failure("interrupted", e);
        }
    }

    /** Every partition of {@code topic}, in partition order. */
    public static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic, String bootstrapServers) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, CALL_TIMEOUT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unreachable(bootstrapServers);
        }
        if (infos == null || infos.isEmpty()) {
            throw missingTopic(topic, bootstrapServers);
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .collect(Collectors.toList());
    }

    public static CliFailure unreachable(String bootstrapServers) {
        return CliFailure.failure("Kafka at " + bootstrapServers + " did not answer within " + CALL_TIMEOUT.toSeconds()
                + " s: is it running and reachable? (set --bootstrap-servers, or start one with: shopctl dev)");
    }

    public static CliFailure missingTopic(String topic, String bootstrapServers) {
        return CliFailure.failure("topic " + topic + " does not exist at " + bootstrapServers
                + " (create the topics with: shopctl topics apply)");
    }

    /** A failed call; a Kafka timeout reads as "not reachable". */
    public static CliFailure failed(String call, Throwable cause, String bootstrapServers) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachable(bootstrapServers);
        }
        return CliFailure.failure("Kafka at " + bootstrapServers + " refused " + call + ": "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    private static Properties defaults() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, TIMEOUT_MS);
        return props;
    }
}
