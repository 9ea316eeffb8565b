package io.shopstreams.topics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.TopicConfig;

/** The rules a declaration file must follow before its profiles are resolved; every broken rule is one line. */
final class TopicFileValidator {

    private TopicFileValidator() {
    }

    /** All problems of {@code file}, in file order; empty when it is well-formed. Mutable, for the caller to extend. */
    static List<String> problems(RawTopicFile file) {
        List<String> problems = new ArrayList<>();
        if (file.topics() == null || file.topics().isEmpty()) {
            problems.add("'topics' is missing or empty: declare at least one topic");
        }
        if (file.profiles() == null || file.profiles().isEmpty()) {
            problems.add("'profiles' is missing or empty: declare at least the '"
                    + TopicDeclarations.DEFAULT_PROFILE + "' profile");
        }
        if (file.defaults() != null) {
            checkSettings("defaults", file.defaults().partitions(), file.defaults().replicationFactor(),
                    file.defaults().configs(), problems);
        }
        Set<String> names = new HashSet<>();
        if (file.topics() != null) {
            for (int i = 0; i < file.topics().size(); i++) {
                checkTopic(i, file.topics().get(i), names, problems);
            }
        }
        if (file.profiles() != null) {
            file.profiles().forEach((name, profile) -> checkProfile(name, profile, names, problems));
        }
        return problems;
    }

    /** min.insync.replicas above the replication factor makes every acks=all write fail. */
    static Optional<String> checkMinInsyncReplicas(TopicDeclaration topic) {
        String minIsr = topic.configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        if (minIsr != null && Long.parseLong(minIsr.trim()) > topic.replicationFactor()) {
            return Optional.of("topic " + topic.name() + ": min.insync.replicas " + minIsr.trim()
                    + " is more than its replication factor " + topic.replicationFactor()
                    + ", so no acks=all write could succeed");
        }
        return Optional.empty();
    }

    private static void checkTopic(int index, RawTopicFile.Topic topic, Set<String> names, List<String> problems) {
        if (topic == null || topic.name() == null || topic.name().isBlank()) {
            problems.add("topics[" + index + "]: 'name' is missing");
            return;
        }
        String where = "topic " + topic.name();
        if (!TopicDeclaration.isLegalName(topic.name())) {
            problems.add(where + ": not a legal topic name (use 1-249 of [a-zA-Z0-9._-], not '.' or '..')");
        }
        if (!names.add(topic.name())) {
            problems.add(where + ": declared twice");
        }
        checkSettings(where, topic.partitions(), topic.replicationFactor(), topic.configs(), problems);
    }

    private static void checkProfile(String name, RawTopicFile.Profile profile, Set<String> topicNames,
                                     List<String> problems) {
        String where = "profile " + name;
        if (profile == null) {
            problems.add(where + ": is empty");
            return;
        }
        checkSettings(where, profile.partitions(), profile.replicationFactor(), profile.configs(), problems);
        if (profile.topics() == null) {
            return;
        }
        profile.topics().forEach((topic, settings) -> {
            if (!topicNames.contains(topic)) {
                problems.add(where + ": overrides topic " + topic + ", which is not declared under 'topics'");
            } else if (settings != null) {
                checkSettings(where + ", topic " + topic, settings.partitions(), settings.replicationFactor(),
                        settings.configs(), problems);
            }
        });
    }

    private static void checkSettings(String where, Integer partitions, Integer replicationFactor,
                                      Map<String, String> configs, List<String> problems) {
        if (partitions != null && partitions < 1) {
            problems.add(where + ": partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor != null && (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE)) {
            problems.add(where + ": replicationFactor must be 1.." + Short.MAX_VALUE + ", was " + replicationFactor);
        }
        if (configs != null) {
            configs.forEach((key, value) -> TopicConfigRules.check(key, value)
                    .ifPresent(problem -> problems.add(where + ": " + problem)));
        }
    }
}
