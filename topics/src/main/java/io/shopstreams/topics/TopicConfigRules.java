package io.shopstreams.topics;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.config.TopicConfig;

/**
 * What a declaration file may put under {@code configs}: the topic-level config names Kafka's clients know,
 * and the value shapes the file can check without a broker. The broker checks the rest (dry run included).
 */
final class TopicConfigRules {

    /** Every {@code *_CONFIG} name of {@link TopicConfig}, plus the replication throttles it does not list. */
    static final Set<String> KNOWN_KEYS = knownKeys();

    private static final Set<String> CLEANUP_POLICIES =
            Set.of(TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.CLEANUP_POLICY_DELETE);

    private TopicConfigRules() {
    }

    /** A one-line problem with {@code key = value}, or empty when the pair is acceptable. */
    static Optional<String> check(String key, String value) {
        if (!KNOWN_KEYS.contains(key)) {
            return Optional.of("unknown topic config '" + key + "'");
        }
        if (value == null || value.isBlank()) {
            return Optional.of("config " + key + " has no value");
        }
        if (key.equals(TopicConfig.CLEANUP_POLICY_CONFIG)) {
            return cleanupPolicyTokens(value).stream().allMatch(CLEANUP_POLICIES::contains)
                    ? Optional.empty()
                    : Optional.of("cleanup.policy must be compact, delete or compact,delete; was '" + value + "'");
        }
        if (isLong(key) && !parsesAsLong(value)) {
            return Optional.of("config " + key + " must be a whole number, was '" + value + "'");
        }
        return Optional.empty();
    }

    /** The tokens of a {@code cleanup.policy} list, lower case, sorted: "delete, compact" equals "compact,delete". */
    static Set<String> cleanupPolicyTokens(String value) {
        return Arrays.stream(value.split(","))
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .filter(token -> !token.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isLong(String key) {
        return key.endsWith(".ms") || key.endsWith(".bytes") || key.equals(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                || key.equals(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG);
    }

    private static boolean parsesAsLong(String value) {
        try {
            Long.parseLong(value.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Set<String> knownKeys() {
        Stream<String> fromClients = Arrays.stream(TopicConfig.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> field.getName().endsWith("_CONFIG"))
                .map(TopicConfigRules::value);
        return Stream.concat(fromClients,
                        Stream.of("leader.replication.throttled.replicas", "follower.replication.throttled.replicas"))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read public constant TopicConfig." + field.getName(), e);
        }
    }
}
