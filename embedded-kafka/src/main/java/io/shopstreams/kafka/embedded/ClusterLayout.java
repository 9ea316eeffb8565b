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

    static ClusterLayout prepare(int nodes, int basePort, IntFunction<Map<String, String>> propertiesOf,
                                 Map<String, Integer> features, Path rootDir) {
        List<NodeSpec> specs = nodeSpecs(nodes, basePort, rootDir);
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

    /** One node per spec, in node order, none started. */
    List<KafkaNode> nodes(EmbeddedKafkaCluster.Mode mode, List<String> childJvmOptions) {
        return specs.stream()
                .map(spec -> mode == EmbeddedKafkaCluster.Mode.IN_PROCESS
                        ? new InProcessNode(spec)
                        : (KafkaNode) new ChildProcessNode(spec, childJvmOptions))
                .toList();
    }

    /** Node i listens on {@code basePort + i} (any free port when 0), its controller on a free port. */
    private static List<NodeSpec> nodeSpecs(int nodes, int basePort, Path rootDir) {
        List<Integer> free = Ports.free(2 * nodes);
        List<NodeSpec> specs = new ArrayList<>();
        for (int id = 0; id < nodes; id++) {
            int brokerPort = basePort == 0 ? free.get(2 * id) : basePort + id;
            specs.add(new NodeSpec(id, brokerPort, free.get(2 * id + 1), rootDir.resolve("node-" + id)));
        }
        return specs;
    }
}
