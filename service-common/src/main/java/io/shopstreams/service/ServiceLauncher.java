package io.shopstreams.service;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
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

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
        props.putAll(settings.clientConfig());
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
                    throw describeFailure(topic, e.getCause());
                }
            } catch (TimeoutException e) {
                // Also what a client without SASL/SSL settings sees from a listener that requires them.
                throw new ServiceConfig.ConfigException("Kafka at " + settings.bootstrapServers()
                        + " did not answer within 15 s (is it reachable, and do KAFKA_SECURITY_PROTOCOL and the"
                        + " SASL/SSL settings match its listener?)");
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
                + settings.bootstrapServers() + ": " + why
                + (cause instanceof UnknownTopicOrPartitionException
                        ? " (create the topics with: shopctl topics apply)" : ""));
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

    /**
     * The runnable jar's main: {@code [--config FILE]} (a properties file, as {@code CONFIG_FILE}), then runs
     * until SIGTERM. A configuration problem, or a port that cannot be listened on, ends it with one line and
     * exit code 2.
     */
    public static void main(String service, String[] args, Map<String, String> defaults, Map<String, String> env,
                            Factory factory) {
        ServiceRuntime runtime;
        try {
            ServiceSettings settings = ServiceSettings.from(ServiceConfig.load(service, environment(args, env),
                    defaults));
            runtime = start(settings, factory);
        } catch (ServiceConfig.ConfigException e) {
            System.err.println(service + ": " + e.getMessage());
            System.exit(2);
            return;
        } catch (UncheckedIOException e) {
            System.err.println(service + ": " + e.getMessage() + ": " + e.getCause().getMessage());
            System.exit(2);
            return;
        }
        // SIGTERM: streams leave the group (their partitions move at once), bounded by SHUTDOWN_TIMEOUT_MS. A
        // clean stop then exits 0 rather than the JVM's 143, so that supervisors do not report a failure.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            Runtime.getRuntime().halt(0);
        }, service + "-shutdown"));
        try {
            runtime.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The environment with the command line applied: {@code --config FILE} (or {@code --config=FILE}) names the
     * properties file, winning over {@code CONFIG_FILE}.
     *
     * @throws ServiceConfig.ConfigException for another argument or a file that cannot be read
     */
    static Map<String, String> environment(String[] args, Map<String, String> env) {
        Map<String, String> result = new HashMap<>(env);
        for (int i = 0; i < args.length; i++) {
            String file;
            if (args[i].equals("--config")) {
                if (i + 1 == args.length) {
                    throw new ServiceConfig.ConfigException("--config needs a file: --config FILE");
                }
                file = args[++i];
            } else if (args[i].startsWith("--config=")) {
                file = args[i].substring("--config=".length());
            } else {
                throw new ServiceConfig.ConfigException("unknown argument \"" + args[i] + "\"; usage: [--config FILE]");
            }
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new ServiceConfig.ConfigException("--config: cannot read " + file
                        + (Files.exists(path) ? " (not a readable file)" : " (no such file)"));
            }
            result.put(ServiceConfig.CONFIG_FILE, file);
        }
        return result;
    }
}
