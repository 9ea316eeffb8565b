package io.shopstreams.kafka.embedded;

import java.time.Duration;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * A node running in this JVM: fastest to start, but it cannot be killed abruptly and dies with the JVM.
 * Its logging goes through this JVM's SLF4J binding.
 */
final class InProcessNode implements KafkaNode {

    private final NodeSpec spec;
    private KafkaRaftServer server;

    InProcessNode(NodeSpec spec) {
        this.spec = spec;
    }

    @Override
    public NodeSpec spec() {
        return spec;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("node " + spec.nodeId() + " is already running");
        }
        KafkaConfig config;
        try {
            config = KafkaConfig.fromProps(ServerProperties.read(spec.propertiesFile()), false);
        } catch (RuntimeException e) {
            throw new KafkaStartupException("node " + spec.nodeId() + " has an invalid configuration: "
                    + e.getMessage(), e);
        }
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            KafkaStartupException failure =
                    new KafkaStartupException("node " + spec.nodeId() + " failed to start: " + e.getMessage(), e);
            // A half-started server holds ports and threads: release them before reporting.
            try {
                starting.shutdown();
                starting.awaitShutdown();
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        server = starting;
    }

    /** Shuts the server down and waits for it; an in-process shutdown has no timeout to escalate to. */
    @Override
    public synchronized void stop(Duration timeout) {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Nothing to do: an in-process shutdown is one blocking call, which {@link #stop(Duration)} makes. */
    @Override
    public void signalStop() {
    }

    @Override
    public void kill() {
        throw new UnsupportedOperationException(
                "an in-process node cannot be killed abruptly; build the cluster with Mode.CHILD_PROCESSES");
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized java.util.Optional<ProcessHandle> process() {
        return server != null ? java.util.Optional.of(ProcessHandle.current()) : java.util.Optional.empty();
    }

    @Override
    public String diagnostics() {
        return "in-process node " + spec.nodeId() + (isRunning() ? " (running)" : " (stopped)");
    }
}
