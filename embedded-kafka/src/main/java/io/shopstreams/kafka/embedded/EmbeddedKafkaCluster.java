package io.shopstreams.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster of KRaft combined-mode nodes (broker and controller in one) on 127.0.0.1,
 * built from the {@code kafka_2.13} artifact: no Docker, no installed Kafka.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link Builder#start()} returns only when {@code describeCluster} lists every node, or throws a
 *       {@link KafkaStartupException} within {@link Builder#startupTimeout(Duration)}.</li>
 *   <li>Without a data dir, storage lives in a temporary directory deleted by {@link #close()}. With
 *       {@link Builder#dataDir(Path)}, the directory is kept; it is formatted only when it is not yet, so a
 *       new cluster on the same dir finds the same topics and records. Reuse it with the node count it was
 *       created with.</li>
 *   <li>Node ids are {@code 0 .. size()-1}. Each node has {@code <dataDir>/node-<id>/} holding its
 *       {@code server.properties} (rewritten on every start), its {@code data/} and, for a child process,
 *       {@code broker.log} with the JVM's stdout and stderr (never the caller's output).</li>
 *   <li>{@link Mode#CHILD_PROCESSES} nodes die with this JVM: a shutdown hook stops them, and each child
 *       also exits by itself when this JVM's pipe to its stdin closes, which covers {@code kill -9} of this
 *       JVM (see {@link ChildBrokerMain}). Only the temporary dir of a JVM killed that way is left behind.</li>
 *   <li>The quorum is static ({@code controller.quorum.voters}), so a data dir restarted on other ports still
 *       forms its quorum. Internal topics get {@code min(3, nodes)} replicas; group rebalance delays are 0
 *       and the KIP-1071 streams-group intervals are short, for fast tests. {@link Builder#brokerProperty}
 *       overrides any of it.</li>
 * </ul>
 * Thread-safe: node operations and {@link #close()} are serialized.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    /** Where the nodes run. */
    public enum Mode {
        /** One node inside this JVM: fastest, but it cannot be killed abruptly. */
        IN_PROCESS,
        /** Each node in its own JVM ({@code kafka.Kafka server.properties}): can be killed and restarted. */
        CHILD_PROCESSES
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Mode mode;
    private final Path rootDir;
    private final boolean temporary;
    private final String clusterId;
    private final List<KafkaNode> nodes;
    private final Duration startupTimeout;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedKafkaCluster(Builder builder, Path rootDir, boolean temporary) {
        this.mode = builder.effectiveMode();
        this.rootDir = rootDir;
        this.temporary = temporary;
        this.startupTimeout = builder.startupTimeout;
        List<NodeSpec> specs = nodeSpecs(builder, rootDir);
        StorageFormatter.requireSameSize(specs, rootDir);
        for (NodeSpec spec : specs) {
            Directories.createDirectories(spec.dir());
            ServerProperties.write(ServerProperties.forNode(spec, specs, builder.propertiesOf(spec.nodeId())),
                    spec.propertiesFile());
        }
        this.clusterId = StorageFormatter.existingClusterId(specs).orElseGet(() -> Uuid.randomUuid().toString());
        for (NodeSpec spec : specs) {
            if (!StorageFormatter.isFormatted(spec)) {
                StorageFormatter.format(spec, clusterId);
            }
        }
        this.nodes = specs.stream()
                .map(spec -> mode == Mode.IN_PROCESS
                        ? new InProcessNode(spec)
                        : (KafkaNode) new ChildProcessNode(spec, builder.childJvmOptions))
                .collect(Collectors.toUnmodifiableList());
        this.shutdownHook = new Thread(this::closeOnJvmExit, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder with the defaults: one in-process node, free ports, a temporary data dir. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code "127.0.0.1:port,..."}, one PLAINTEXT address per node, in node order. */
    public String bootstrapServers() {
        return nodes.stream().map(node -> node.spec().brokerAddress()).collect(Collectors.joining(","));
    }

    /** The PLAINTEXT address of node {@code nodeId}, e.g. to reach it alone. */
    public String bootstrapServers(int nodeId) {
        return node(nodeId).spec().brokerAddress();
    }

    /** {@code bootstrap.servers} as a client config map, to extend with more entries. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** Number of nodes; node ids are {@code 0 .. size()-1}. */
    public int size() {
        return nodes.size();
    }

    public Mode mode() {
        return mode;
    }

    public String clusterId() {
        return clusterId;
    }

    /** The directory holding every node's properties, data and log file. */
    public Path dataDir() {
        return rootDir;
    }

    /** Whether {@link #close()} deletes {@link #dataDir()}: true unless a data dir was given. */
    public boolean isTemporary() {
        return temporary;
    }

    /** The log file a {@link Mode#CHILD_PROCESSES} node writes its output to. */
    public Path nodeLogFile(int nodeId) {
        return node(nodeId).spec().logFile();
    }

    public synchronized boolean isNodeRunning(int nodeId) {
        return node(nodeId).isRunning();
    }

    /**
     * Kills node {@code nodeId} like {@code kill -9}: no controlled shutdown, no flush. Only for
     * {@link Mode#CHILD_PROCESSES}. Returns once the process is gone.
     *
     * @throws UnsupportedOperationException in {@link Mode#IN_PROCESS}
     */
    public synchronized void killNode(int nodeId) {
        checkOpen();
        if (mode == Mode.IN_PROCESS) {
            throw new UnsupportedOperationException(
                    "an in-process node cannot be killed abruptly; build the cluster with Mode.CHILD_PROCESSES");
        }
        LOG.info("killing Kafka node {}", nodeId);
        node(nodeId).kill();
    }

    /** Stops node {@code nodeId} gracefully (controlled shutdown); returns once it is stopped. */
    public synchronized void stopNode(int nodeId) {
        checkOpen();
        LOG.info("stopping Kafka node {}", nodeId);
        node(nodeId).stop(GRACEFUL_STOP_TIMEOUT);
    }

    /**
     * Starts node {@code nodeId} again on the same ports and data, stopping it first if it still runs.
     * Returns once the node answers and the cluster lists it; throws {@link KafkaStartupException} otherwise.
     */
    public synchronized void restartNode(int nodeId) {
        checkOpen();
        KafkaNode node = node(nodeId);
        node.stop(GRACEFUL_STOP_TIMEOUT);
        LOG.info("restarting Kafka node {}", nodeId);
        node.start();
        // Asked through the node alone, so the answer proves this very node serves again.
        ReadinessProbe.awaitNodes(node.spec().brokerAddress(), Set.of(nodeId), List.of(node), startupTimeout);
    }

    /**
     * Stops every node and, for a temporary cluster, deletes its data dir. Idempotent. A temporary cluster's
     * child processes are killed (their data is deleted anyway); otherwise nodes shut down gracefully, killed
     * after 30 s. An in-process node is shut down and awaited.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: this close() runs from (or alongside) the hook itself.
            LOG.debug("JVM shutting down; shutdown hook left in place", e);
        }
        stopAll();
        if (temporary) {
            Directories.deleteRecursively(rootDir);
        }
        LOG.info("Kafka cluster {} stopped{}", clusterId, temporary ? " and its data deleted" : "");
    }

    private void start() {
        LOG.info("starting Kafka cluster {} ({} node(s), {}) in {}", clusterId, nodes.size(), mode, rootDir);
        long started = System.nanoTime();
        for (KafkaNode node : nodes) {
            node.start();
        }
        Set<Integer> ids = nodes.stream().map(node -> node.spec().nodeId()).collect(Collectors.toSet());
        ReadinessProbe.awaitNodes(bootstrapServers(), ids, nodes, startupTimeout);
        LOG.info("Kafka cluster {} ready at {} in {} ms", clusterId, bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void stopAll() {
        RuntimeException failure = null;
        for (KafkaNode node : nodes) {
            try {
                if (mode == Mode.CHILD_PROCESSES && temporary) {
                    node.kill();
                } else if (mode == Mode.CHILD_PROCESSES) {
                    // Signal all first so the nodes shut down in parallel rather than one after another.
                    ((ChildProcessNode) node).signalStop();
                } else {
                    node.stop(GRACEFUL_STOP_TIMEOUT);
                }
            } catch (RuntimeException e) {
                failure = accumulate(failure, e);
            }
        }
        if (mode == Mode.CHILD_PROCESSES && !temporary) {
            for (KafkaNode node : nodes) {
                try {
                    node.stop(GRACEFUL_STOP_TIMEOUT);
                } catch (RuntimeException e) {
                    failure = accumulate(failure, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException accumulate(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** The shutdown hook: never let a forgotten cluster outlive the JVM (or leave a temp dir behind). */
    private void closeOnJvmExit() {
        LOG.warn("JVM exiting with Kafka cluster {} still open: closing it", clusterId);
        close();
    }

    private KafkaNode node(int nodeId) {
        if (nodeId < 0 || nodeId >= nodes.size()) {
            throw new IllegalArgumentException(
                    "no node " + nodeId + ": node ids are 0.." + (nodes.size() - 1));
        }
        return nodes.get(nodeId);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Kafka cluster is closed");
        }
    }

    private static List<NodeSpec> nodeSpecs(Builder builder, Path rootDir) {
        int size = builder.nodes;
        List<Integer> free = Ports.free(2 * size);
        List<NodeSpec> specs = new ArrayList<>();
        for (int id = 0; id < size; id++) {
            int brokerPort = builder.port == 0 ? free.get(2 * id) : builder.port + id;
            specs.add(new NodeSpec(id, brokerPort, free.get(2 * id + 1), rootDir.resolve("node-" + id)));
        }
        return specs;
    }

    /** Options of a cluster; {@link #start()} builds and starts it. */
    public static final class Builder {
        private int nodes = 1;
        private int port;
        private Path dataDir;
        private Mode mode;
        private Duration startupTimeout = Duration.ofSeconds(90);
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Map<Integer, Map<String, String>> nodeProperties = new LinkedHashMap<>();
        private List<String> childJvmOptions = List.of(
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");

        private Builder() {
        }

        /** Number of nodes, each broker and controller: 1 (default) or more (3 for a quorum that survives one loss). */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("nodes must be at least 1, was " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /** PLAINTEXT port of node 0; node i listens on {@code port + i}. 0 (default) picks free ports. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Keep the data in {@code dir} (created if missing, formatted only once) instead of a temporary dir. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** {@link Mode#IN_PROCESS} (the default for one node) or {@link Mode#CHILD_PROCESSES} (required for more). */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** How long {@link #start()} and {@link EmbeddedKafkaCluster#restartNode(int)} wait; default 90 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets a broker property on every node, overriding the defaults. The value may contain
         * {@code {node.id}}, {@code {broker.port}} and {@code {controller.port}}, replaced per node, e.g. to
         * add a SASL listener next to PLAINTEXT.
         */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** {@link #brokerProperty(String, String)} for each entry. */
        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /**
         * Sets a broker property on node {@code nodeId} only, overriding {@link #brokerProperty} and the
         * defaults there; placeholders as for {@link #brokerProperty}. For what differs per node beyond the
         * placeholders, e.g. a listener advertised under the address of a proxy in front of that node.
         */
        public Builder nodeProperty(int nodeId, String key, String value) {
            if (nodeId < 0) {
                throw new IllegalArgumentException("nodeId must not be negative, was " + nodeId);
            }
            nodeProperties.computeIfAbsent(nodeId, id -> new LinkedHashMap<>())
                    .put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The extra properties of node {@code nodeId}: the shared ones, then that node's own. */
        Map<String, String> propertiesOf(int nodeId) {
            Map<String, String> merged = new LinkedHashMap<>(brokerProperties);
            merged.putAll(nodeProperties.getOrDefault(nodeId, Map.of()));
            return merged;
        }

        /**
         * JVM options of {@link Mode#CHILD_PROCESSES} nodes. The default is tuned for start-up time and memory
         * (512 MB heap, serial GC, C1 only) and keeps SLF4J Simple at WARN; pass others to measure throughput.
         */
        public Builder childJvmOptions(List<String> options) {
            this.childJvmOptions = List.copyOf(options);
            return this;
        }

        /** Formats (if needed) and starts the cluster; returns once every node is listed by {@code describeCluster}. */
        public EmbeddedKafkaCluster start() {
            if (port + nodes - 1 > 65535) {
                throw new IllegalArgumentException("ports " + port + ".." + (port + nodes - 1) + " exceed 65535");
            }
            nodeProperties.keySet().stream().filter(id -> id >= nodes).findFirst().ifPresent(id -> {
                throw new IllegalArgumentException("a property is set for node " + id + " of a cluster of " + nodes);
            });
            if (effectiveMode() == Mode.IN_PROCESS && nodes > 1) {
                throw new IllegalArgumentException(
                        "Mode.IN_PROCESS runs one node; use Mode.CHILD_PROCESSES for " + nodes + " nodes");
            }
            boolean temporary = dataDir == null;
            Path root = temporary ? createTempDir() : Directories.createDirectories(dataDir.toAbsolutePath());
            EmbeddedKafkaCluster cluster;
            try {
                cluster = new EmbeddedKafkaCluster(this, root, temporary);
            } catch (RuntimeException e) {
                if (temporary) {
                    Directories.deleteRecursively(root);
                }
                throw e;
            }
            try {
                cluster.start();
                return cluster;
            } catch (RuntimeException e) {
                try {
                    cluster.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        }

        private Mode effectiveMode() {
            if (mode != null) {
                return mode;
            }
            return nodes == 1 ? Mode.IN_PROCESS : Mode.CHILD_PROCESSES;
        }

        private static Path createTempDir() {
            try {
                return Files.createTempDirectory("embedded-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
        }
    }
}
