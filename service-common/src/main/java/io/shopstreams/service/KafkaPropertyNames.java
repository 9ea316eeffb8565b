package io.shopstreams.service;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka client properties a service passes on: those Kafka Streams and its clients define, bare or with
 * the prefixes Streams routes to one client ({@code producer.}, {@code consumer.}, {@code main.consumer.},
 * {@code restore.consumer.}, {@code global.consumer.}, {@code admin.}, {@code topic.}, {@code client.tag.}).
 * Kafka itself only logs a warning for an unknown property, so a misspelled {@code KAFKA_SASL_MECHANSIM}
 * would go unnoticed until authentication fails; here it fails the start instead.
 */
final class KafkaPropertyNames {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPropertyNames.class);

    private static final Set<String> CLIENT = union(StreamsConfig.configDef().names(), ProducerConfig.configNames(),
            ConsumerConfig.configNames(), AdminClientConfig.configNames());
    private static final Map<String, Set<String>> PREFIXED = Map.of(
            StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configNames(),
            StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configNames(),
            StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configNames(),
            StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configNames(),
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, ConsumerConfig.configNames(),
            StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configNames(),
            StreamsConfig.TOPIC_PREFIX, topicConfigNames());

    private KafkaPropertyNames() {
    }

    /** Whether Kafka Streams or one of its clients knows {@code key}. */
    static boolean isKnown(String key) {
        if (CLIENT.contains(key)) {
            return true;
        }
        if (key.startsWith(StreamsConfig.CLIENT_TAG_PREFIX)) {
            return key.length() > StreamsConfig.CLIENT_TAG_PREFIX.length();
        }
        for (Map.Entry<String, Set<String>> prefixed : PREFIXED.entrySet()) {
            String prefix = prefixed.getKey();
            if (key.startsWith(prefix) && prefixed.getValue().contains(key.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fails on (or, unless {@code strict}, warns about) the first passed-through property Kafka does not know,
     * naming it and where it was set; its value is never shown, as it may be a password.
     */
    static void check(ServiceConfig config, boolean strict) {
        for (String key : new java.util.TreeSet<>(config.kafkaProperties().keySet())) {
            if (isKnown(key)) {
                continue;
            }
            String message = "unknown Kafka setting " + key + " (from " + config.kafkaOrigin(key) + ")";
            if (strict) {
                throw new ServiceConfig.ConfigException(message
                        + "; UNKNOWN_KAFKA_PROPERTIES=warn passes such settings through anyway");
            }
            LOG.warn("{}: passed through as is", message);
        }
    }

    /** {@link TopicConfig} lists the topic-level configs only as {@code *_CONFIG} constants. */
    private static Set<String> topicConfigNames() {
        Set<String> names = new HashSet<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && field.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("a public constant of TopicConfig is not readable", e);
                }
            }
        }
        return Set.copyOf(names);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
