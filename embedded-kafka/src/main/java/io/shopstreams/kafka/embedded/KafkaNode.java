package io.shopstreams.kafka.embedded;

import java.time.Duration;

/** One running (or stopped) Kafka node; how it runs is the implementation's business. */
interface KafkaNode {

    NodeSpec spec();

    /** Starts the node from its {@code server.properties}; returns once it is launched, not once it serves. */
    void start();

    /** Graceful shutdown, bounded by {@code timeout} where the node can be killed after it. No-op when stopped. */
    void stop(Duration timeout);

    /**
     * Asks the node to shut down without waiting for it, so that several nodes stop in parallel; a
     * {@link #stop(Duration)} afterwards waits. No-op when stopped, or where a shutdown cannot be asked for alone.
     */
    void signalStop();

    /** Abrupt death, like {@code kill -9}. No-op when stopped. */
    void kill();

    boolean isRunning();

    /** The node's operating-system process while it runs: this JVM for an in-process node. */
    java.util.Optional<ProcessHandle> process();

    /** A short text for error messages when the node failed: its exit status and last log lines, if any. */
    String diagnostics();
}
