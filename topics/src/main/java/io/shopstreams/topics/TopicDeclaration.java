package io.shopstreams.topics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The desired shape of one topic, resolved for one profile.
 *
 * @param name              a legal Kafka topic name
 * @param partitions        at least 1
 * @param replicationFactor 1 .. {@link Short#MAX_VALUE}
 * @param configs           topic-level configs ({@code cleanup.policy}, {@code retention.ms}, ...); never null,
 *                          unmodifiable, iterated in key order
 */
public record TopicDeclaration(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicDeclaration {
        Objects.requireNonNull(name, "name");
        if (!isLegalName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a legal topic name: use 1-249 of [a-zA-Z0-9._-]"
                    + " and not '.' or '..'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be 1.." + Short.MAX_VALUE
                    + ", was " + replicationFactor);
        }
        Objects.requireNonNull(configs, "configs");
        configs.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("topic " + name + ": config " + key + " has no value");
            }
        });
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
    }

    /** True for names Kafka accepts as topic names. */
    public static boolean isLegalName(String name) {
        return LEGAL_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** This declaration under another name, e.g. to apply the same shape to a test's own topic. */
    public TopicDeclaration withName(String newName) {
        return new TopicDeclaration(newName, partitions, replicationFactor, configs);
    }

    /** {@code 6 partitions, RF 1, cleanup.policy=delete, retention.ms=-1}. */
    public String shape() {
        StringBuilder text = new StringBuilder().append(partitions).append(" partitions, RF ")
                .append(replicationFactor);
        configs.forEach((key, value) -> text.append(", ").append(key).append('=').append(value));
        return text.toString();
    }

    /** {@code cart-events (6 partitions, RF 1, cleanup.policy=delete, retention.ms=-1)}. */
    public String summary() {
        return name + " (" + shape() + ")";
    }
}
