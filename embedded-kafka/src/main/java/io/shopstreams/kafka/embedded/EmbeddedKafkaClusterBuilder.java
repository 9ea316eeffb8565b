package io.shopstreams.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.shopstreams.kafka.embedded.EmbeddedKafkaCluster.Mode;

/**
 * Options of an {@link EmbeddedKafkaCluster}; {@link #start()} builds and starts it. Get one from
 * {@link EmbeddedKafkaCluster#builder()}: one in-process node, free ports and a temporary data dir by default.
 *
 * <ul>
 *   <li>{@link #start()} returns only when {@code describeCluster} lists every node, or throws a
 *       {@link KafkaStartupException} within {@link #startupTimeout(Duration)}.</li>
 *   <li>Without a data dir, storage lives in a temporary directory deleted by
 *       {@link EmbeddedKafkaCluster#close()}. With {@link #dataDir(Path)}, the directory is kept; it is formatted
 *       only when it is not yet, so a new cluster on the same dir finds the same topics and records. Reuse it
 *       with the node count it was created with.</li>
 *   <li>The quorum is static ({@code controller.quorum.voters}), so a data dir restarted on other ports still
 *       forms its quorum. Internal topics get {@code min(3, nodes)} replicas; group rebalance delays are 0
 *       and the KIP-1071 streams-group intervals are short, for fast tests. {@link #brokerProperty} overrides
 *       any of it.</li>
 * </ul>
 */
public final class EmbeddedKafkaClusterBuilder {
    int nodes = 1;
    int controllers;
    int port;
    Duration startupTimeout = Duration.ofSeconds(90);
    final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private final Map<Integer, Map<String, String>> nodeProperties = new LinkedHashMap<>();
    final Map<String, Integer> features = new LinkedHashMap<>();
    List<String> childJvmOptions = List.of(
            "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    List<String> childCommandPrefix = List.of();
    private Path dataDir;
    private Mode mode;

    EmbeddedKafkaClusterBuilder() {
    }

    /** Number of nodes, each broker and controller: 1 (default) or more (3 for a quorum that survives one loss). */
    public EmbeddedKafkaClusterBuilder nodes(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1, was " + nodes);
        }
        this.nodes = nodes;
        return this;
    }

    /**
     * Dedicated KRaft controllers, in processes of their own, instead of brokers that are also the controllers
     * (0, the default): 3 for a quorum that survives one loss, as production clusters run, so that the loss of
     * the active controller is not also the loss of a broker. Needs {@link Mode#CHILD_PROCESSES}.
     */
    public EmbeddedKafkaClusterBuilder controllers(int controllers) {
        if (controllers < 0) {
            throw new IllegalArgumentException("controllers must not be negative, was " + controllers);
        }
        this.controllers = controllers;
        return this;
    }

    /** PLAINTEXT port of node 0; node i listens on {@code port + i}. 0 (default) picks free ports. */
    public EmbeddedKafkaClusterBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        this.port = port;
        return this;
    }

    /** Keep the data in {@code dir} (created if missing, formatted only once) instead of a temporary dir. */
    public EmbeddedKafkaClusterBuilder dataDir(Path dir) {
        this.dataDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** {@link Mode#IN_PROCESS} (the default for one node) or {@link Mode#CHILD_PROCESSES} (required for more). */
    public EmbeddedKafkaClusterBuilder mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** How long {@link #start()} and {@link EmbeddedKafkaCluster#restartNode(int)} wait; default 90 s. */
    public EmbeddedKafkaClusterBuilder startupTimeout(Duration timeout) {
        this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Sets a broker property on every node, overriding the defaults. The value may contain
     * {@code {node.id}}, {@code {broker.port}} and {@code {controller.port}}, replaced per node, e.g. to
     * add a SASL listener next to PLAINTEXT. {@code listeners} and {@code advertised.listeners} are the broker's:
     * a node that is also a controller gets its CONTROLLER listener added, a dedicated controller keeps its own.
     * Dedicated controllers get every other property too (some are theirs, e.g. {@code broker.session.timeout.ms}).
     */
    public EmbeddedKafkaClusterBuilder brokerProperty(String key, String value) {
        brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Adds a client listener named and secured {@code protocol} (e.g. {@code SASL_SSL}) on {@code address}
     * ({@code 127.0.0.1:port}) next to PLAINTEXT, which the broker keeps for its readiness probe and its own
     * traffic. The protocol's settings (mechanisms, JAAS, stores) are {@link #brokerProperty}s of their own.
     */
    public EmbeddedKafkaClusterBuilder clientListener(String protocol, String address) {
        brokerProperty("listeners", "PLAINTEXT://127.0.0.1:" + ServerProperties.BROKER_PORT + "," + protocol + "://"
                + address);
        brokerProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ServerProperties.BROKER_PORT + ","
                + protocol + "://" + address);
        return brokerProperty("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT," + protocol + ":" + protocol);
    }

    /**
     * Sets a broker property on node {@code nodeId} only, overriding {@link #brokerProperty} and the
     * defaults there; placeholders as for {@link #brokerProperty}. For what differs per node beyond the
     * placeholders, e.g. a listener advertised under the address of a proxy in front of that node.
     */
    public EmbeddedKafkaClusterBuilder nodeProperty(int nodeId, String key, String value) {
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
     * Formats the cluster with {@code name} at {@code level} instead of the release's default, as
     * {@code kafka-storage.sh format --feature name=level} does; e.g. {@code transaction.version} 1 for the
     * transactions protocol before KIP-890's second part. Applies only when the data dir is formatted.
     */
    public EmbeddedKafkaClusterBuilder feature(String name, int level) {
        features.put(name, level);
        return this;
    }

    /** {@link #brokerProperty(String, String)} for each entry. */
    public EmbeddedKafkaClusterBuilder brokerProperties(Map<String, String> properties) {
        properties.forEach(this::brokerProperty);
        return this;
    }

    /**
     * JVM options of {@link Mode#CHILD_PROCESSES} nodes. The default is tuned for start-up time and memory
     * (512 MB heap, serial GC, C1 only) and keeps SLF4J Simple at WARN; pass others to measure throughput.
     */
    public EmbeddedKafkaClusterBuilder childJvmOptions(List<String> options) {
        this.childJvmOptions = List.copyOf(options);
        return this;
    }

    /**
     * A command that {@link Mode#CHILD_PROCESSES} nodes run under, e.g. {@code nice -n 10}: on one machine shared
     * with the processes under test, nodes that yield the CPU to them, as nodes on machines of their own would.
     * None by default.
     */
    public EmbeddedKafkaClusterBuilder childCommandPrefix(List<String> command) {
        this.childCommandPrefix = List.copyOf(command);
        return this;
    }

    /** Formats (if needed) and starts the cluster; returns once every node is listed by {@code describeCluster}. */
    public EmbeddedKafkaCluster start() {
        validate();
        boolean temporary = dataDir == null;
        Path root = temporary ? Directories.createTemporary("embedded-kafka-")
                : Directories.createDirectories(dataDir.toAbsolutePath());
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

    Mode effectiveMode() {
        if (mode != null) {
            return mode;
        }
        return nodes == 1 && controllers == 0 ? Mode.IN_PROCESS : Mode.CHILD_PROCESSES;
    }

    private void validate() {
        if (port + nodes - 1 > 65535) {
            throw new IllegalArgumentException("ports " + port + ".." + (port + nodes - 1) + " exceed 65535");
        }
        nodeProperties.keySet().stream().filter(id -> id >= nodes).findFirst().ifPresent(id -> {
            throw new IllegalArgumentException("a property is set for node " + id + " of a cluster of " + nodes);
        });
        if (effectiveMode() == Mode.IN_PROCESS && nodes + controllers > 1) {
            throw new IllegalArgumentException("Mode.IN_PROCESS runs one node; use Mode.CHILD_PROCESSES for "
                    + nodes + " nodes" + (controllers > 0 ? " and " + controllers + " controller(s)" : ""));
        }
    }
}
