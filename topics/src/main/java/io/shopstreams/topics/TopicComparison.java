package io.shopstreams.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.config.TopicConfig;

/**
 * One declared topic next to what the cluster has. Pure: computed from the two, no cluster access.
 *
 * @param declared          the declaration
 * @param actual            the topic as it is, or null when it does not exist
 * @param configDifferences declared configs whose current value differs, in key order; empty when missing
 */
public record TopicComparison(TopicDeclaration declared, TopicState actual, List<ConfigDifference> configDifferences) {

    public TopicComparison {
        Objects.requireNonNull(declared, "declared");
        configDifferences = List.copyOf(configDifferences);
    }

    /** Compares {@code declared} with {@code actual} (null when the topic does not exist). */
    public static TopicComparison of(TopicDeclaration declared, TopicState actual) {
        List<ConfigDifference> differences = new ArrayList<>();
        if (actual != null) {
            for (Map.Entry<String, String> config : declared.configs().entrySet()) {
                String current = actual.configs().get(config.getKey());
                if (!sameValue(config.getKey(), config.getValue(), current)) {
                    differences.add(new ConfigDifference(config.getKey(), config.getValue(), current));
                }
            }
        }
        return new TopicComparison(declared, actual, differences);
    }

    public String topic() {
        return declared.name();
    }

    public Optional<TopicState> current() {
        return Optional.ofNullable(actual);
    }

    public boolean exists() {
        return actual != null;
    }

    public boolean partitionsDiffer() {
        return exists() && actual.partitions() != declared.partitions();
    }

    public boolean replicationFactorDiffers() {
        return exists() && actual.replicationFactor() != declared.replicationFactor();
    }

    /** True when the topic exists and matches its declaration in every respect. */
    public boolean isUpToDate() {
        return exists() && !partitionsDiffer() && !replicationFactorDiffers() && configDifferences.isEmpty();
    }

    /** Each way the topic differs, as text; one entry ("missing") for a missing topic, none when up to date. */
    public List<String> differences() {
        if (!exists()) {
            return List.of("missing");
        }
        List<String> differences = new ArrayList<>();
        if (partitionsDiffer()) {
            differences.add("has " + actual.partitions() + " partitions, declared " + declared.partitions());
        }
        if (replicationFactorDiffers()) {
            differences.add("has replication factor " + actual.replicationFactor()
                    + ", declared " + declared.replicationFactor());
        }
        for (ConfigDifference difference : configDifferences) {
            differences.add(difference.key() + " is " + (difference.actual() == null ? "unset" : difference.actual())
                    + ", declared " + difference.declared());
        }
        return differences;
    }

    /** One line for {@code describe}: the topic, its state, and what differs. */
    public String line() {
        if (!exists()) {
            return "topic " + topic() + ": missing (declared " + declared.partitions() + " partitions, RF "
                    + declared.replicationFactor() + ")";
        }
        StringBuilder line = new StringBuilder("topic ").append(topic()).append(": ")
                .append(actual.partitions()).append(" partitions, RF ").append(actual.replicationFactor());
        actual.configs().forEach((key, value) -> line.append(", ").append(key).append('=').append(value));
        return line.append(isUpToDate() ? " - up to date" : " - differs: " + String.join("; ", differences()))
                .toString();
    }

    private static boolean sameValue(String key, String declared, String actual) {
        if (actual == null) {
            return false;
        }
        if (key.equals(TopicConfig.CLEANUP_POLICY_CONFIG)) {
            // A list config: "delete,compact" and "compact, delete" are the same policy.
            return TopicConfigRules.cleanupPolicyTokens(declared).equals(TopicConfigRules.cleanupPolicyTokens(actual));
        }
        return declared.trim().equals(actual.trim());
    }
}
