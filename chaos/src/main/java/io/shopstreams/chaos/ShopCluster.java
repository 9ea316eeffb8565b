package io.shopstreams.chaos;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.EmbeddedKafkaCluster;
import io.shopstreams.kafka.embedded.EmbeddedKafkaClusterBuilder;
import io.shopstreams.kafka.embedded.Directories;
import io.shopstreams.kafka.embedded.KafkaStartupException;
import io.shopstreams.topics.ApplyOptions;
import io.shopstreams.topics.TopicApplier;
import io.shopstreams.topics.TopicDeclarations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Three KRaft brokers (and, where asked, three dedicated controllers) as child processes with the production topics (RF 3, min ISR 2) and the catalog, each broker
 * also on a second listener, {@code PROXIED}, that it advertises under the address of a {@link TcpProxy} in front
 * of it: a client bootstrapped from {@link #proxiedBootstrapServers()} reaches the cluster only through the proxies,
 * so {@link #partition()} cuts it off and {@link #heal()} reconnects it.
 */
final class ShopCluster implements AutoCloseable {
    static final int BROKERS = 3;
    static final int CONTROLLERS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ShopCluster.class);
    private static final String PROXIED = "PROXIED";
    private static final int START_ATTEMPTS = 3;

    private final List<TcpProxy> proxies = new ArrayList<>();
    private final EmbeddedKafkaCluster kafka;

    /**
     * Starts the cluster in {@code dir}. A port is chosen free and bound by the broker a moment later; another
     * process can take it in between (a fresh-clone CI run lost its chaos test that way, "Address already in
     * use"), so such a start is tried again on new ports in an emptied dir, up to {@value #START_ATTEMPTS} times.
     *
     * @param settings the brokers' {@code transaction.version} feature, {@code broker.session.timeout.ms} (how
     *                 long a dead broker keeps leading its partitions) and further properties
     */
    static ShopCluster start(Path dir, ChaosSettings settings) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new ShopCluster(dir, settings);
            } catch (KafkaStartupException e) {
                if (attempt == START_ATTEMPTS || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
                LOG.warn("a broker's port was taken before it could bind it; starting again on new ports");
                Directories.deleteRecursively(dir);
            }
        }
    }

    private ShopCluster(Path dir, ChaosSettings settings) {
        EmbeddedKafkaClusterBuilder builder = EmbeddedKafkaCluster.builder().nodes(BROKERS)
                .controllers(settings.dedicatedControllers() ? CONTROLLERS : 0)
                .mode(EmbeddedKafkaCluster.Mode.CHILD_PROCESSES).dataDir(dir)
                .brokerProperty("listener.security.protocol.map",
                        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT," + PROXIED + ":PLAINTEXT");
        if (settings.transactionVersion() > 0) {
            builder.feature("transaction.version", settings.transactionVersion());
        }
        if (!settings.brokerSessionTimeout().isZero()) {
            builder.brokerProperty("broker.session.timeout.ms",
                    Long.toString(settings.brokerSessionTimeout().toMillis()));
        }
        settings.brokerConfig().forEach(builder::brokerProperty);
        if (settings.kafkaNice() != 0) {
            builder.childCommandPrefix(List.of("nice", "-n", Integer.toString(settings.kafkaNice())));
        }
        for (int node = 0; node < BROKERS; node++) {
            TcpProxy proxy = new TcpProxy();
            int listenerPort = freePort();
            proxy.forwardTo(listenerPort);
            proxies.add(proxy);
            builder.nodeProperty(node, "listeners", "PLAINTEXT://127.0.0.1:{broker.port},"
                            + PROXIED + "://127.0.0.1:" + listenerPort)
                    .nodeProperty(node, "advertised.listeners", "PLAINTEXT://127.0.0.1:{broker.port},"
                            + PROXIED + "://127.0.0.1:" + proxy.port());
        }
        try {
            this.kafka = builder.start();
        } catch (RuntimeException e) {
            proxies.forEach(TcpProxy::close);
            throw e;
        }
    }

    EmbeddedKafkaCluster kafka() {
        return kafka;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The proxies' addresses: what a client that is to be partitioned bootstraps from. */
    String proxiedBootstrapServers() {
        return String.join(",", proxies.stream().map(proxy -> "127.0.0.1:" + proxy.port()).toList());
    }

    void partition() {
        proxies.forEach(TcpProxy::partition);
    }

    void heal() {
        proxies.forEach(TcpProxy::heal);
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates the production profile's topics and publishes the catalog; returns once both are acknowledged. */
    void prepare(List<Product> catalog) throws InterruptedException, ExecutionException {
        try (Admin admin = admin()) {
            new TopicApplier(admin).apply(TopicDeclarations.load("production"), ApplyOptions.defaults());
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (Product product : catalog) {
                producer.send(new ProducerRecord<>(Topics.PRODUCTS.name(), product.sku(),
                        JsonCodec.PRODUCTS.encode(product))).get();
            }
        }
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            proxies.forEach(TcpProxy::close);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
