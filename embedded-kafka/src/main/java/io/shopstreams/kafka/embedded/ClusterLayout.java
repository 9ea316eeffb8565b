package io.shopstreams.kafka.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.apache.kafka.common.Uuid;

/**
 * The nodes of a cluster on disk, ready to start: each node's ports and directory, its {@code server.properties}
 * (rewritten on every start) and its storage, formatted only when it is not yet, with the cluster id an earlier
 * format recorded (else a new one).
 */
record ClusterLayout(List<NodeSpec> specs, String clusterId) {

    static ClusterLayout prepare(int brokers, int controllers, int basePort,
                                 IntFunction<Map<String, String>> propertiesOf, Map<String, Integer> features,
                                 Path rootDir) {
        List<NodeSpec> specs = nodeSpecs(brokers, controllers, basePort, rootDir);
        StorageFormatter.requireSameSize(specs, rootDir);
        for (NodeSpec spec : specs) {
            Directories.createDirectories(spec.dir());
            ServerProperties.write(ServerProperties.forNode(spec, specs, propertiesOf.apply(spec.nodeId())), spec.propertiesFile());
        }
        String clusterId = StorageFormatter.existingClusterId(specs).orElseGet(() -> Uuid.randomUuid().toString());
        for (NodeSpec spec : specs) {
            if (!StorageFormatter.isFormatted(spec)) {
                StorageFormatter.format(spec, clusterId, features);
            }
        }
        return new ClusterLayout(List.copyOf(specs), clusterId);
    }

    /** One node per spec of a node with {@code role}, in node order, none started. */
    List<KafkaNode> nodes(EmbeddedKafkaCluster.Mode mode, List<String> commandPrefix, List<String> childJvmOptions,
                          java.util.function.Predicate<NodeSpec.Role> role) {
        return specs.stream()
                .filter(spec -> role.test(spec.role()))
                .map(spec -> mode == EmbeddedKafkaCluster.Mode.IN_PROCESS
                        ? new InProcessNode(spec)
                        : (KafkaNode) new ChildProcessNode(spec, commandPrefix, childJvmOptions))
                .toList();
    }

    /**
     * Broker i listens on {@code basePort + i} (any free port when 0), its controller (when combined) on a free port;
     * dedicated controllers, ids {@code brokers ..}, on free ports in {@code controller-<id>/}.
     */
    private static List<NodeSpec> nodeSpecs(int brokers, int controllers, int basePort, Path rootDir) {
        List<Integer> free = Ports.free(2 * brokers + controllers);
        NodeSpec.Role brokerRole = controllers == 0 ? NodeSpec.Role.COMBINED : NodeSpec.Role.BROKER;
        List<NodeSpec> specs = new ArrayList<>();
        for (int id = 0; id < brokers; id++) {
            int brokerPort = basePort == 0 ? free.get(2 * id) : basePort + id;
            int controllerPort = brokerRole == NodeSpec.Role.COMBINED ? free.get(2 * id + 1) : 0;
            specs.add(new NodeSpec(id, brokerRole, brokerPort, controllerPort, rootDir.resolve("node-" + id)));
        }
        for (int id = brokers; id < brokers + controllers; id++) {
            specs.add(new NodeSpec(id, NodeSpec.Role.CONTROLLER, 0, free.get(brokers + id),
                    rootDir.resolve("controller-" + id)));
        }
        return specs;
    }
}
