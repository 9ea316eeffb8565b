package io.shopstreams.kafka.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the {@code server.properties} of one KRaft node: a combined broker and controller, a broker, or a dedicated
 * controller.
 */
final class ServerProperties {

    /** Placeholders an extra property value may use; replaced per node. */
    static final String NODE_ID = "{node.id}";
    static final String BROKER_PORT = "{broker.port}";
    static final String CONTROLLER_PORT = "{controller.port}";

    /** Extra properties that describe a broker's own listeners: a dedicated controller has none of them. */
    private static final Set<String> BROKER_LISTENER_KEYS = Set.of("listeners", "advertised.listeners");

    private ServerProperties() {
    }

    /**
     * The properties of {@code node} in a cluster of {@code all}; {@code extra} entries override the defaults after
     * placeholder substitution. An extra {@code listeners} lists the broker's listeners: a node that is also a
     * controller gets its CONTROLLER listener added, and a dedicated controller ignores it (and
     * {@code advertised.listeners}).
     */
    static Properties forNode(NodeSpec node, List<NodeSpec> all, Map<String, String> extra) {
        long brokers = all.stream().filter(n -> n.role().isBroker()).count();
        // Internal topics cannot have more replicas than brokers; with 3 brokers, tolerate one down.
        String internalRf = Long.toString(Math.min(3, brokers));
        String internalMinIsr = Long.toString(Math.min(2, brokers));
        boolean broker = node.role().isBroker();

        Properties props = new Properties();
        props.setProperty("process.roles", node.role().processRoles);
        props.setProperty("node.id", Integer.toString(node.nodeId()));
        // A static quorum (kraft.version 0): voters are identified by id and the endpoints come from this
        // file on every start, so a data dir restarted on other ports still forms its quorum.
        props.setProperty("controller.quorum.voters", all.stream()
                .filter(n -> n.role().isController())
                .map(n -> n.nodeId() + "@" + n.controllerAddress())
                .collect(Collectors.joining(",")));
        if (broker) {
            props.setProperty("listeners", "PLAINTEXT://" + node.brokerAddress());
            props.setProperty("advertised.listeners", "PLAINTEXT://" + node.brokerAddress());
            props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        }
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", node.logDir().toAbsolutePath().toString());

        props.setProperty("offsets.topic.replication.factor", internalRf);
        props.setProperty("offsets.topic.num.partitions", "10");
        props.setProperty("transaction.state.log.replication.factor", internalRf);
        props.setProperty("transaction.state.log.min.isr", internalMinIsr);
        props.setProperty("transaction.state.log.num.partitions", "10");
        props.setProperty("share.coordinator.state.topic.replication.factor", internalRf);
        props.setProperty("share.coordinator.state.topic.min.isr", internalMinIsr);

        // Tests and the dev loop start groups often: do not wait for more members to join.
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("group.streams.initial.rebalance.delay.ms", "0");
        // KIP-1071 streams groups: with the 5 s defaults the first record takes 6-8 s (measured).
        props.setProperty("group.streams.min.heartbeat.interval.ms", "500");
        props.setProperty("group.streams.heartbeat.interval.ms", "500");
        props.setProperty("group.streams.assignment.interval.ms", "100");

        // Two cores are shared with clients: fewer idle threads than the production defaults.
        props.setProperty("num.network.threads", "2");
        props.setProperty("num.io.threads", "4");
        props.setProperty("background.threads", "4");
        props.setProperty("num.recovery.threads.per.data.dir", "1");

        extra.forEach((key, value) -> {
            if (broker || !BROKER_LISTENER_KEYS.contains(key)) {
                props.setProperty(key, substitute(value, node));
            }
        });
        if (node.role().isController()) {
            String listeners = props.getProperty("listeners", "");
            if (!listeners.contains("CONTROLLER://")) {
                String controller = "CONTROLLER://" + node.controllerAddress();
                props.setProperty("listeners", listeners.isEmpty() ? controller : listeners + "," + controller);
            }
        }
        return props;
    }

    static String substitute(String value, NodeSpec node) {
        return value.replace(NODE_ID, Integer.toString(node.nodeId()))
                .replace(BROKER_PORT, Integer.toString(node.brokerPort()))
                .replace(CONTROLLER_PORT, Integer.toString(node.controllerPort()));
    }

    static void write(Properties props, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "written by EmbeddedKafkaCluster; rewritten on every start");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Properties read(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return props;
    }
}
