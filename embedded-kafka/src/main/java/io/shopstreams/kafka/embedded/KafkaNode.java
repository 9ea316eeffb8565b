package io.shopstreams.kafka.embedded;

import java.time.Duration;

/** One running (or stopped) Kafka node; how it runs is the implementation's business. */
interface KafkaNode {

    NodeSpec spec();

    /** Starts the node from its {@code server.properties}; returns once it is launched, not once it serves. */
    void start();

    /** Graceful shutdown, bounded by {@code timeout} where the node can be killed after it. No-op when stopped. */
    void stop(Duration timeout);

    /** Abrupt death, like {@code kill -9}. No-op when stopped. */
    void kill();

    boolean isRunning();

    /** A short text for error messages when the node failed: its exit status and last log lines, if any. */
    String diagnostics();
}
