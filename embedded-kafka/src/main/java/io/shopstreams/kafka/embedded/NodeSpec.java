package io.shopstreams.kafka.embedded;

import java.nio.file.Path;

/**
 * Addresses and directories of one node. Fixed for the cluster's whole life, so a node restarted by
 * {@link EmbeddedKafkaCluster#restartNode(int)} comes back on the addresses its peers know.
 *
 * @param nodeId         the Kafka {@code node.id}: brokers are {@code 0 .. brokers-1}, dedicated controllers follow
 * @param role           what the node runs
 * @param brokerPort     port of the PLAINTEXT listener clients use; 0 for a dedicated controller
 * @param controllerPort port of the CONTROLLER listener the KRaft quorum uses; 0 for a broker-only node
 * @param dir            the node's own directory: properties file, data, log file
 */
record NodeSpec(int nodeId, Role role, int brokerPort, int controllerPort, Path dir) {

    static final String HOST = "127.0.0.1";

    /** KRaft's {@code process.roles}. */
    enum Role {
        /** Broker and controller in one process, as in Kafka's quick start. */
        COMBINED("broker,controller"),
        BROKER("broker"),
        CONTROLLER("controller");

        final String processRoles;

        Role(String processRoles) {
            this.processRoles = processRoles;
        }

        boolean isBroker() {
            return this != CONTROLLER;
        }

        boolean isController() {
            return this != BROKER;
        }
    }

    /** A combined broker and controller. */
    NodeSpec(int nodeId, int brokerPort, int controllerPort, Path dir) {
        this(nodeId, Role.COMBINED, brokerPort, controllerPort, dir);
    }

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
