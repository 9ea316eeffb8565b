package io.shopstreams.shopctl.dev;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import io.shopstreams.events.Product;
import io.shopstreams.kafka.embedded.Directories;
import io.shopstreams.kafka.embedded.EmbeddedKafkaCluster;
import io.shopstreams.kafka.embedded.KafkaStartupException;
import io.shopstreams.shopctl.catalog.ProductFile;
import io.shopstreams.shopctl.catalog.ProductsCommands;
import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.kafka.KafkaClients;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import io.shopstreams.topics.ApplyAction;
import io.shopstreams.topics.ApplyOptions;
import io.shopstreams.topics.ApplyReport;
import io.shopstreams.topics.TopicApplier;
import io.shopstreams.topics.TopicDeclarations;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code shopctl dev} runs: Kafka (embedded, or the user's), the dev topics, the demo catalog, and both
 * services ({@link DevServices}). {@link #close()} stops the services, then the embedded broker, then deletes a
 * temporary data dir; it is idempotent and never throws.
 *
 * <p>Data dir layout: {@code kafka/} (the embedded broker's storage) and {@code state/<service>/} (each service's
 * Kafka Streams state), so a restart on the same dir finds the same topics, records and local state.
 */
public final class DevStack implements AutoCloseable {
    /** The demo catalog, also a valid file for {@code shopctl products load}. */
    static final String DEMO_CATALOG = "/demo-catalog.json";

    private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

    /** Where and how to run; {@code bootstrapServers} null means: start an embedded broker on {@code kafkaPort}. */
    record Settings(String bootstrapServers, int kafkaPort, Path dataDir, int cartPort, int orderPort,
                    KafkaOptions kafka, DevAuth.Mode authMode) {
    }

    private final Settings settings;
    private final Path root;
    private final boolean temporary;
    private final PrintWriter out;
    private EmbeddedKafkaCluster cluster;
    private String bootstrapServers;
    private DevServices services;
    private DevAuth auth;
    private boolean closed;

    private DevStack(Settings settings, Path root, boolean temporary, PrintWriter out) {
        this.settings = settings;
        this.root = root;
        this.temporary = temporary;
        this.out = out;
    }

    /** Starts everything and returns once both services are RUNNING; on failure, stops what it started. */
    static DevStack start(Settings settings, PrintWriter out) {
        boolean temporary = settings.dataDir() == null;
        Path root = temporary ? Directories.createTemporary("shopctl-dev-") : settings.dataDir().toAbsolutePath();
        DevStack stack = new DevStack(settings, root, temporary, out);
        try {
            stack.startKafka();
            KafkaOptions kafka = settings.kafka().withBootstrapServers(stack.bootstrapServers);
            stack.applyTopics(kafka);
            stack.seedCatalog(kafka);
            stack.startServices();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    boolean embedded() {
        return cluster != null;
    }

    Path dataDir() {
        return root;
    }

    boolean temporary() {
        return temporary;
    }

    /** The HTTP base URL of each service, cart-stream first. */
    List<String> baseUrls() {
        return services.baseUrls();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (services != null) {
            services.close();
        }
        if (cluster != null) {
            try {
                cluster.close();
            } catch (RuntimeException e) {
                LOG.warn("could not stop the embedded Kafka broker cleanly: {}", e.toString());
            }
        }
        if (temporary) {
            deleteQuietly(root);
        }
    }

    private void startKafka() {
        if (settings.bootstrapServers() != null) {
            bootstrapServers = settings.bootstrapServers();
            progress("using Kafka at " + bootstrapServers);
            return;
        }
        progress("starting Kafka on 127.0.0.1:" + settings.kafkaPort());
        try {
            cluster = EmbeddedKafkaCluster.builder()
                    .port(settings.kafkaPort())
                    .dataDir(root.resolve("kafka"))
                    // A mistyped topic name should fail, not create a topic with the wrong settings.
                    .brokerProperty("auto.create.topics.enable", "false")
                    .start();
        } catch (KafkaStartupException e) {
            throw CliFailure.failure("the embedded Kafka broker did not start: " + e.getMessage(), e);
        }
        bootstrapServers = cluster.bootstrapServers();
    }

    private void applyTopics(KafkaOptions kafka) {
        ApplyReport report;
        try (Admin admin = KafkaClients.admin(kafka)) {
            report = new TopicApplier(admin, KafkaClients.CALL_TIMEOUT)
                    .apply(TopicDeclarations.load(TopicDeclarations.DEFAULT_PROFILE), ApplyOptions.defaults());
        }
        report.drift().forEach(drift -> progress("warning: " + drift.text()));
        progress("topics (profile dev): " + report.changes().size() + " change(s), "
                + report.ofKind(ApplyAction.Kind.UP_TO_DATE).size() + " up to date");
    }

    /** Publishes the demo products at every start: their demo values come back, other skus are left alone. */
    private void seedCatalog(KafkaOptions kafka) {
        List<Product> products = ProductFile.readResource(DEMO_CATALOG);
        ProductsCommands.publish(kafka, products);
        progress("catalog: " + products.size() + " demo products published to topic products");
    }

    private void startServices() {
        progress("starting cart-stream on port " + settings.cartPort() + " and order-stream on port "
                + settings.orderPort());
        auth = DevAuth.create(settings.authMode(), root.resolve("auth"));
        services = DevServices.start(new DevServices.Settings(bootstrapServers, settings.cartPort(),
                settings.orderPort(), root.resolve("state"), settings.kafka().commandConfig(), auth.env()));
    }

    /** How the services check HTTP callers, with the tokens to print. */
    DevAuth auth() {
        return auth;
    }

        private void progress(String line) {
        out.println("shopctl dev: " + line);
        out.flush();
    }

    /** A temporary data dir goes; a failure to delete it is logged, since close() must not throw. */
    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
