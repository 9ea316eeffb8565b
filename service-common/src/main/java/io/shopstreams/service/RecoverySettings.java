package io.shopstreams.service;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * How an instance comes back after a crash and notices that it stopped processing: static group membership,
 * the session timeout, transactional state stores, and the stall limits of {@link ProcessingWatch}.
 *
 * @param instanceId               {@code group.instance.id} (Kafka Streams appends the thread index); empty: dynamic
 * @param sessionTimeout           how long a crashed member keeps its partitions before the group moves them
 * @param transactionalStateStores KIP-892: a crash under exactly-once no longer wipes and restores the stores
 * @param stallTimeout             no commit for this long while input waits: not ready
 * @param stallExit                a stall that lasts this long ends the process (0: never)
 */
public record RecoverySettings(String instanceId, Duration sessionTimeout, boolean transactionalStateStores,
                               Duration stallTimeout, Duration stallExit) {

    /** The group heartbeat; {@code KAFKA_HEARTBEAT_INTERVAL_MS} wins. */
    static final int HEARTBEAT_INTERVAL_MS = 1000;

    static void addDefaults(Map<String, String> defaults) {
        defaults.put("INSTANCE_ID", "");
        defaults.put("SESSION_TIMEOUT_MS", "10000");
        defaults.put("TRANSACTIONAL_STATE_STORES", "true");
        defaults.put("STALL_TIMEOUT_MS", "30000");
        defaults.put("STALL_EXIT_MS", "120000");
    }

    public static RecoverySettings from(ServiceConfig config) {
        String instanceId = config.string("INSTANCE_ID").trim();
        if (!instanceId.matches("[A-Za-z0-9._-]*")) {
            throw new ServiceConfig.ConfigException("INSTANCE_ID may hold letters, digits, '.', '_' and '-' only");
        }
        Duration stall = Duration.ofMillis(config.longValue("STALL_TIMEOUT_MS", 1000, 3_600_000));
        Duration exit = Duration.ofMillis(config.longValue("STALL_EXIT_MS", 0, 86_400_000));
        if (!exit.isZero() && exit.compareTo(stall) <= 0) {
            throw new ServiceConfig.ConfigException("STALL_EXIT_MS must be 0 or more than STALL_TIMEOUT_MS");
        }
        return new RecoverySettings(instanceId,
                Duration.ofMillis(config.longValue("SESSION_TIMEOUT_MS", 6000, 1_800_000)),
                Boolean.parseBoolean(config.oneOf("TRANSACTIONAL_STATE_STORES", "true", "false")), stall, exit);
    }

    /** Adds the Kafka Streams properties of these settings: put before the passed-through {@code KAFKA_*} ones, which win. */
    void addTo(Properties props) {
        if (!instanceId.isEmpty()) {
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        // A restarted static member's JoinGroup opens a rebalance that waits for every other member's next
        // heartbeat: at Kafka's 3 s interval that wait was 0-3 s of each restart (1.5 s in a chaos run's log).
        // 1 s is also at least three heartbeats per session timeout (6 s at the least), as Kafka advises.
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, transactionalStateStores);
    }
}
