package io.shopstreams.topics;

import java.util.List;
import java.util.Map;

/**
 * The YAML file as written, before profiles are applied. Every field may be missing (null); the validator
 * says which must not be.
 */
record RawTopicFile(Settings defaults, Map<String, Profile> profiles, List<Topic> topics) {

    /** Partitions, replication factor and configs: the defaults, or a profile's override of one topic. */
    record Settings(Integer partitions, Integer replicationFactor, Map<String, String> configs) {
    }

    /** A profile: settings for every topic, plus per-topic overrides by topic name. */
    record Profile(Integer partitions, Integer replicationFactor, Map<String, String> configs,
                   Map<String, Settings> topics) {
    }

    record Topic(String name, Integer partitions, Integer replicationFactor, Map<String, String> configs) {
    }
}
