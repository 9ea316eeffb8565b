package io.shopstreams.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster of KRaft nodes on 127.0.0.1, built from the {@code kafka_2.13} artifact: no Docker, no
 * installed Kafka. The brokers are also the controllers (combined mode, as in Kafka's quick start) unless the
 * builder asks for dedicated controllers, as production clusters run.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>Contract (what {@link EmbeddedKafkaClusterBuilder} promises on start, data dirs and broker settings is in
 * its Javadoc):
 * <ul>
 *   <li>Broker ids are {@code 0 .. size()-1}, dedicated controllers' ids follow ({@link #controllerIds()}). Each
 *       broker has {@code <dataDir>/node-<id>/}, each dedicated controller {@code <dataDir>/controller-<id>/}, holding its
 *       {@code server.properties} (rewritten on every start), its {@code data/} and, for a child process,
 *       {@code broker.log} with the JVM's stdout and stderr (never the caller's output).</li>
 *   <li>{@link Mode#CHILD_PROCESSES} nodes die with this JVM: a shutdown hook stops them, and each child
 *       also exits by itself when this JVM's pipe to its stdin closes, which covers {@code kill -9} of this
 *       JVM (see {@link ChildBrokerMain}). Only the temporary dir of a JVM killed that way is left behind.</li>
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

    private final Mode mode;
    private final Path rootDir;
    private final boolean temporary;
    private final String clusterId;
    private final List<KafkaNode> nodes;
    private final List<KafkaNode> controllers;
    private final Duration startupTimeout;
    private final Thread shutdownHook;
    private boolean closed;

    EmbeddedKafkaCluster(EmbeddedKafkaClusterBuilder builder, Path rootDir, boolean temporary) {
        this.mode = builder.effectiveMode();
        this.rootDir = rootDir;
        this.temporary = temporary;
        this.startupTimeout = builder.startupTimeout;
        ClusterLayout layout = ClusterLayout.prepare(builder.nodes, builder.controllers, builder.port,
                builder::propertiesOf, builder.features, rootDir);
        this.clusterId = layout.clusterId();
        this.nodes = layout.nodes(mode, builder.childCommandPrefix, builder.childJvmOptions, NodeSpec.Role::isBroker);
        this.controllers = layout.nodes(mode, builder.childCommandPrefix, builder.childJvmOptions,
                role -> !role.isBroker());
        this.shutdownHook = new Thread(this::closeOnJvmExit, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder with the defaults: one in-process node, free ports, a temporary data dir. */
    public static EmbeddedKafkaClusterBuilder builder() {
        return new EmbeddedKafkaClusterBuilder();
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

    /** Number of brokers; their node ids are {@code 0 .. size()-1}. */
    public int size() {
        return nodes.size();
    }

    /**
     * The node ids of the dedicated controllers ({@code size() ..}), for {@link #killNode(int)} and
     * {@link #restartNode(int)}; empty when the brokers are the controllers.
     */
    public List<Integer> controllerIds() {
        return controllers.stream().map(node -> node.spec().nodeId()).toList();
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

    /** Node {@code nodeId}'s process while it runs (this JVM in {@link Mode#IN_PROCESS}): for CPU and memory figures. */
    public synchronized java.util.Optional<ProcessHandle> nodeProcess(int nodeId) {
        return node(nodeId).process();
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
        node(nodeId).stop(NodeShutdown.GRACEFUL_STOP_TIMEOUT);
    }

    /**
     * Starts node {@code nodeId} again on the same ports and data, stopping it first if it still runs.
     * Returns once the node answers and the cluster lists it; throws {@link KafkaStartupException} otherwise.
     */
    public synchronized void restartNode(int nodeId) {
        checkOpen();
        KafkaNode node = node(nodeId);
        node.stop(NodeShutdown.GRACEFUL_STOP_TIMEOUT);
        LOG.info("restarting Kafka node {}", nodeId);
        long restarted = System.currentTimeMillis();
        node.start();
        if (node.spec().role().isBroker()) {
            // Asked through the node alone, so the answer proves this very node serves again.
            ReadinessProbe.awaitNodes(node.spec().brokerAddress(), Set.of(nodeId), List.of(node), startupTimeout);
        } else {
            ReadinessProbe.awaitVoter(bootstrapServers(), nodeId, restarted, node, startupTimeout);
        }
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
        try {
            shutDown(nodes);
        } finally {
            // After the brokers: a broker's controlled shutdown needs the controllers.
            shutDown(controllers);
        }
        if (temporary) {
            Directories.deleteRecursively(rootDir);
        }
        LOG.info("Kafka cluster {} stopped{}", clusterId, temporary ? " and its data deleted" : "");
    }

    void start() {
        LOG.info("starting Kafka cluster {} ({} node(s){}, {}) in {}", clusterId, nodes.size(),
                controllers.isEmpty() ? "" : " and " + controllers.size() + " controller(s)", mode, rootDir);
        long started = System.nanoTime();
        for (KafkaNode node : controllers) {
            node.start();
        }
        for (KafkaNode node : nodes) {
            node.start();
        }
        Set<Integer> ids = nodes.stream().map(node -> node.spec().nodeId()).collect(Collectors.toSet());
        // Brokers register only with an active controller: all listed means the quorum works too.
        ReadinessProbe.awaitNodes(bootstrapServers(), ids, allNodes(), startupTimeout);
        LOG.info("Kafka cluster {} ready at {} in {} ms", clusterId, bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void shutDown(List<KafkaNode> group) {
        if (mode == Mode.CHILD_PROCESSES && temporary) {
            NodeShutdown.killAll(group); // their data is deleted anyway
        } else {
            NodeShutdown.stopAll(group);
        }
    }

    /** The shutdown hook: never let a forgotten cluster outlive the JVM (or leave a temp dir behind). */
    private void closeOnJvmExit() {
        LOG.warn("JVM exiting with Kafka cluster {} still open: closing it", clusterId);
        close();
    }

    private KafkaNode node(int nodeId) {
        if (nodeId < 0 || nodeId >= nodes.size() + controllers.size()) {
            throw new IllegalArgumentException(
                    "no node " + nodeId + ": node ids are 0.." + (nodes.size() + controllers.size() - 1));
        }
        return nodeId < nodes.size() ? nodes.get(nodeId) : controllers.get(nodeId - nodes.size());
    }

    private List<KafkaNode> allNodes() {
        List<KafkaNode> all = new java.util.ArrayList<>(controllers);
        all.addAll(nodes);
        return all;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Kafka cluster is closed");
        }
    }
}
