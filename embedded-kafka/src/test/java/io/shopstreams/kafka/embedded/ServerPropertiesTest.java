package io.shopstreams.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ServerPropertiesTest {

    private static final Path ROOT = Path.of("/tmp/cluster");
    private static final NodeSpec NODE_0 = new NodeSpec(0, 9092, 19092, ROOT.resolve("node-0"));
    private static final NodeSpec NODE_1 = new NodeSpec(1, 9093, 19093, ROOT.resolve("node-1"));
    private static final NodeSpec NODE_2 = new NodeSpec(2, 9094, 19094, ROOT.resolve("node-2"));

    @Test
    void aSingleNodeIsItsOwnQuorumWithInternalTopicsOfOneReplica() {
        Properties props = ServerProperties.forNode(NODE_0, List.of(NODE_0), Map.of());

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "0")
                .containsEntry("controller.quorum.voters", "0@127.0.0.1:19092")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:19092")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("log.dirs", ROOT.resolve("node-0").resolve("data").toString())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("group.streams.initial.rebalance.delay.ms", "0");
    }

    @Test
    void threeNodesShareOneVoterListAndReplicateInternalTopicsThreeTimes() {
        Properties props = ServerProperties.forNode(NODE_1, List.of(NODE_0, NODE_1, NODE_2), Map.of());

        assertThat(props)
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "0@127.0.0.1:19092,1@127.0.0.1:19093,2@127.0.0.1:19094")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2");
    }

    @Test
    void extraPropertiesOverrideTheDefaultsWithPerNodePlaceholders() {
        Map<String, String> extra = Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:{broker.port},SASL_PLAINTEXT://127.0.0.1:2909{node.id}",
                "group.initial.rebalance.delay.ms", "3000");

        Properties props = ServerProperties.forNode(NODE_2, List.of(NODE_0, NODE_1, NODE_2), extra);

        assertThat(props)
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9094,SASL_PLAINTEXT://127.0.0.1:29092,"
                        + "CONTROLLER://127.0.0.1:19094")
                .containsEntry("group.initial.rebalance.delay.ms", "3000");
    }

    @Test
    void dedicatedControllersAreTheOnlyVotersAndKeepOnlyTheirControllerListener() {
        NodeSpec broker0 = new NodeSpec(0, NodeSpec.Role.BROKER, 9092, 0, ROOT.resolve("node-0"));
        NodeSpec broker1 = new NodeSpec(1, NodeSpec.Role.BROKER, 9093, 0, ROOT.resolve("node-1"));
        NodeSpec controller2 = new NodeSpec(2, NodeSpec.Role.CONTROLLER, 0, 19094, ROOT.resolve("controller-2"));
        NodeSpec controller3 = new NodeSpec(3, NodeSpec.Role.CONTROLLER, 0, 19095, ROOT.resolve("controller-3"));
        List<NodeSpec> all = List.of(broker0, broker1, controller2, controller3);
        Map<String, String> extra = Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:{broker.port},SASL_PLAINTEXT://127.0.0.1:2909{node.id}",
                "advertised.listeners", "PLAINTEXT://127.0.0.1:{broker.port}",
                "broker.session.timeout.ms", "6000");

        Properties broker = ServerProperties.forNode(broker1, all, extra);
        Properties controller = ServerProperties.forNode(controller3, all, extra);

        assertThat(broker)
                .containsEntry("process.roles", "broker")
                .containsEntry("controller.quorum.voters", "2@127.0.0.1:19094,3@127.0.0.1:19095")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9093,SASL_PLAINTEXT://127.0.0.1:29091")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("offsets.topic.replication.factor", "2")
                .containsEntry("transaction.state.log.min.isr", "2");
        assertThat(controller)
                .containsEntry("process.roles", "controller")
                .containsEntry("node.id", "3")
                .containsEntry("controller.quorum.voters", "2@127.0.0.1:19094,3@127.0.0.1:19095")
                .containsEntry("listeners", "CONTROLLER://127.0.0.1:19095")
                .containsEntry("broker.session.timeout.ms", "6000")
                .doesNotContainKeys("advertised.listeners", "inter.broker.listener.name");
    }
}
