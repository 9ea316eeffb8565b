package io.shopstreams.service;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a service needs from Kafka before its topology can be built (the partition count of its event topic)
 * and beside it (a producer for commands posted over HTTP). Also the shared {@code main}: config errors and
 * an unreachable cluster end the process with one line and a non-zero exit, never a stack trace.
 */
public final class ServiceLauncher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);

    private final ServiceSettings settings;
    private final Admin admin;
    private Producer<String, byte[]> producer;

    public ServiceLauncher(ServiceSettings settings) {
        this.settings = settings;
        this.admin = Admin.create(clientProperties(settings));
    }

    /** Builds one service instance from settings and a launcher. */
    @FunctionalInterface
    public interface Factory {
        ServiceRuntime create(ServiceSettings settings, ServiceLauncher launcher);
    }

    static Properties clientProperties(ServiceSettings settings) {
        Properties props = new Properties();
        props.putAll(settings.kafkaProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return props;
    }

    /**
     * The partition count of {@code topic}, waiting (bounded) for it to exist: a service started beside
     * {@code shopctl topics apply} should not lose the race.
     *
     * @throws ServiceConfig.ConfigException when the topic does not appear in time
     */
    public int partitionsOf(String topic) {
        long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
        boolean logged = false;
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(15, TimeUnit.SECONDS).get(topic);
                return description.partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new ServiceConfig.ConfigException("cannot describe topic " + topic + " at "
                            + settings.bootstrapServers() + ": " + e.getCause().getMessage()
                            + " (create the topics with: shopctl topics apply)");
                }
            } catch (TimeoutException e) {
                throw new ServiceConfig.ConfigException("Kafka at " + settings.bootstrapServers()
                        + " did not answer within 15 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
            if (!logged) {
                LOG.info("waiting for topic {} to exist (shopctl topics apply creates it)", topic);
                logged = true;
            }
            sleepBriefly();
        }
    }

    /** An idempotent producer for commands received over HTTP; created on first use, closed with the launcher. */
    public synchronized Producer<String, byte[]> commandProducer() {
        if (producer == null) {
            Properties props = clientProperties(settings);
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

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        admin.close(Duration.ofSeconds(5));
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Creates and starts a runtime whose launcher resources close with it. */
    public static ServiceRuntime start(ServiceSettings settings, Factory factory) {
        ServiceLauncher launcher = new ServiceLauncher(settings);
        try {
            ServiceRuntime runtime = factory.create(settings, launcher);
            runtime.closeWith(launcher);
            runtime.start();
            return runtime;
        } catch (RuntimeException e) {
            launcher.close();
            throw e;
        }
    }

    /** The runnable jar's main: runs until SIGTERM; exits 2 with one line on a configuration problem. */
    public static void main(String service, Map<String, String> defaults, Map<String, String> env, Factory factory) {
        ServiceRuntime runtime;
        try {
            ServiceSettings settings = ServiceSettings.from(ServiceConfig.load(service, env, defaults));
            runtime = start(settings, factory);
        } catch (ServiceConfig.ConfigException e) {
            System.err.println(service + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, service + "-shutdown"));
        try {
            runtime.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
