package io.shopstreams.topics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the cluster has for one topic.
 *
 * @param name              topic name
 * @param partitions        current partition count
 * @param replicationFactor the smallest replica count over its partitions (the weakest partition decides durability)
 * @param configs           current values of the configs its declaration names; a key the broker does not report
 *                          is absent. Unmodifiable, in key order.
 */
public record TopicState(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    public TopicState {
        Objects.requireNonNull(name, "name");
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
    }
}
