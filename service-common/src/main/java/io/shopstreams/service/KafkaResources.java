package io.shopstreams.service;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka clients a service instance holds beside its streams: an admin client, for what the topology must know
 * before it is built (the partition count of its event topic), and a producer for commands posted over HTTP.
 */
public final class KafkaResources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaResources.class);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);

    private final ServiceSettings settings;
    private final Admin admin;
    private Producer<String, byte[]> producer;

    public KafkaResources(ServiceSettings settings) {
        this.settings = settings;
        this.admin = Admin.create(clientProperties());
    }

    private Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(settings.clientConfig());
        return props;
    }

    /**
     * The partition count of {@code topic}, waiting (bounded) for it to exist: a service started beside
     * {@code shopctl topics apply} should not lose the race.
     *
     * @throws ServiceConfig.ConfigException when the topic does not appear in time, or Kafka refuses
     */
    public int partitionsOf(String topic) {
        String what = "topic " + topic + " to exist";
        return BoundedWait.poll(what, TOPIC_WAIT, Duration.ofMillis(500), () -> describe(topic))
                .orElseThrow(() -> new ServiceConfig.ConfigException("cannot describe topic " + topic + " at "
                        + settings.bootstrapServers() + ": it did not appear within " + TOPIC_WAIT.toSeconds()
                        + " s (create the topics with: shopctl topics apply)"));
    }

    private boolean waitLogged;

    /** The partition count, or empty while the topic does not exist yet. */
    private Optional<Integer> describe(String topic) {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS)
                    .get(topic).partitions().size());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw describeFailure(topic, e.getCause());
            }
            if (!waitLogged) {
                LOG.info("waiting for topic {} to exist (shopctl topics apply creates it)", topic);
                waitLogged = true;
            }
            return Optional.empty();
        } catch (TimeoutException e) {
            // Also what a client without SASL/SSL settings sees from a listener that requires them.
            throw new ServiceConfig.ConfigException("Kafka at " + settings.bootstrapServers()
                    + " did not answer within 15 s (is it reachable, and do KAFKA_SECURITY_PROTOCOL and the"
                    + " SASL/SSL settings match its listener?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
        }
    }

    private ServiceConfig.ConfigException describeFailure(String topic, Throwable cause) {
        String at = "Kafka at " + settings.bootstrapServers();
        String why = String.valueOf(cause.getMessage()).replace('\n', ' ');
        if (cause instanceof AuthenticationException) {
            return new ServiceConfig.ConfigException(at + " refused this service's credentials: " + why
                    + " (check KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG)");
        }
        if (cause instanceof AuthorizationException) {
            return new ServiceConfig.ConfigException(at + " does not allow this service to describe topic " + topic
                    + ": " + why);
        }
        return new ServiceConfig.ConfigException("cannot describe topic " + topic + " at "
                + settings.bootstrapServers() + ": " + why);
    }

    /** An idempotent producer for commands received over HTTP; created on first use, closed with these resources. */
    public synchronized Producer<String, byte[]> commandProducer() {
        if (producer == null) {
            Properties props = clientProperties();
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-http-commands");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /**
     * Which of {@code topics} the cluster does not list now; empty also when the cluster cannot tell within
     * {@code timeout} (brokers out of reach is another reason, told by the group heartbeat).
     */
    public java.util.Set<String> missingTopics(java.util.Collection<String> topics, Duration timeout) {
        try {
            java.util.Set<String> listed = admin.listTopics().names().get(timeout.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            java.util.Set<String> missing = new java.util.TreeSet<>(topics);
            missing.removeAll(listed);
            return missing;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return java.util.Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Set.of();
        }
    }

    /**
     * The ids of those of {@code topics} that exist; empty also when the cluster cannot tell within
     * {@code timeout}.
     */
    public java.util.Map<String, org.apache.kafka.common.Uuid> topicIds(java.util.Collection<String> topics,
                                                                        Duration timeout) {
        java.util.Map<String, org.apache.kafka.common.Uuid> ids = new java.util.TreeMap<>();
        if (topics.isEmpty()) {
            return ids;
        }
        admin.describeTopics(topics).topicNameValues().forEach((topic, description) -> {
            try {
                ids.put(topic, description.get(timeout.toMillis(), TimeUnit.MILLISECONDS).topicId());
            } catch (ExecutionException | TimeoutException e) {
                // Missing, or no answer: nothing to compare this time.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return ids;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        admin.close(Duration.ofSeconds(5));
    }
}
