package io.shopstreams.kafka.embedded;

import java.nio.file.Path;

/**
 * Addresses and directories of one node. Fixed for the cluster's whole life, so a node restarted by
 * {@link EmbeddedKafkaCluster#restartNode(int)} comes back on the addresses its peers know.
 *
 * @param nodeId         the Kafka {@code node.id}, also the node's index in the cluster (0-based)
 * @param brokerPort     port of the PLAINTEXT listener clients use
 * @param controllerPort port of the CONTROLLER listener the KRaft quorum uses
 * @param dir            the node's own directory: properties file, data, log file
 */
record NodeSpec(int nodeId, int brokerPort, int controllerPort, Path dir) {

    static final String HOST = "127.0.0.1";

    /** Kafka's {@code log.dirs}: the partitions and the KRaft metadata log. */
    Path logDir() {
        return dir.resolve("data");
    }

    Path propertiesFile() {
        return dir.resolve("server.properties");
    }

    /** Where a child-process node's stdout and stderr go. */
    Path logFile() {
        return dir.resolve("broker.log");
    }

    String brokerAddress() {
        return HOST + ":" + brokerPort;
    }

    String controllerAddress() {
        return HOST + ":" + controllerPort;
    }
}
