package io.shopstreams.topics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/** Reads what the cluster has: brokers, and the state of declared topics. Every call is bounded. */
final class ClusterReader {

    private final Admin admin;
    private final AdminCalls calls;

    ClusterReader(Admin admin, AdminCalls calls) {
        this.admin = admin;
        this.calls = calls;
    }

    int brokerCount() {
        Collection<Node> nodes = calls.await(
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(calls.timeoutMs())).nodes(),
                "describeCluster");
        return nodes.size();
    }

    /** The current state of each declared topic that exists, by name; missing topics are absent. */
    Map<String, TopicState> read(List<TopicDeclaration> declarations) {
        Set<String> existing = calls.await(
                admin.listTopics(new ListTopicsOptions().timeoutMs(calls.timeoutMs())).names(), "listTopics");
        List<TopicDeclaration> present = declarations.stream()
                .filter(declaration -> existing.contains(declaration.name()))
                .collect(Collectors.toList());
        if (present.isEmpty()) {
            return Map.of();
        }
        List<String> names = present.stream().map(TopicDeclaration::name).collect(Collectors.toList());
        DescribeTopicsResult described = admin.describeTopics(names,
                new DescribeTopicsOptions().timeoutMs(calls.timeoutMs()));
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(
                names.stream().map(ClusterReader::resource).collect(Collectors.toList()),
                new DescribeConfigsOptions().timeoutMs(calls.timeoutMs())).values();

        Map<String, TopicState> states = new LinkedHashMap<>();
        for (TopicDeclaration declaration : present) {
            String name = declaration.name();
            Optional<TopicDescription> description = calls.awaitUnlessUnknownTopic(
                    described.topicNameValues().get(name), "describeTopics " + name);
            Optional<Config> config = calls.awaitUnlessUnknownTopic(configs.get(resource(name)),
                    "describeConfigs " + name);
            // Listed but not describable: deleted meanwhile, or not yet in this broker's metadata. Treat as missing.
            if (description.isPresent() && config.isPresent()) {
                states.put(name, state(declaration, description.get(), config.get()));
            }
        }
        return states;
    }

    private static TopicState state(TopicDeclaration declaration, TopicDescription description, Config config) {
        int replicationFactor = description.partitions().stream()
                .mapToInt(partition -> partition.replicas().size())
                .min().orElse(0);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : declaration.configs().keySet()) {
            ConfigEntry entry = config.get(key);
            if (entry != null && entry.value() != null) {
                values.put(key, entry.value());
            }
        }
        return new TopicState(description.name(), description.partitions().size(), replicationFactor, values);
    }

    static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }
}
