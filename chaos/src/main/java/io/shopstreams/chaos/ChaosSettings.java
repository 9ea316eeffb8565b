package io.shopstreams.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run changes in the brokers' and the services' configuration, to compare recovery settings on the same
 * schedule.
 *
 * @param transactionVersion   the brokers' {@code transaction.version} (1, or 2: KIP-890's protocol, the default
 *                             of Kafka 4); 0 for the release's default
 * @param sessionTimeout       the services' {@code SESSION_TIMEOUT_MS}: how long a killed static member keeps its
 *                             partitions; a restart that rejoins within it gets them back without a rebalance
 * @param brokerSessionTimeout the brokers' {@code broker.session.timeout.ms}; zero for Kafka's default
 * @param serviceEnv           further environment of every service instance, e.g.
 *                             {@code KAFKA_TRANSACTION_TIMEOUT_MS}; wins over the harness's own
 * @param brokerConfig         further properties of every broker
 * @param dedicatedControllers three KRaft controllers in processes of their own, as production clusters run, so
 *                             that the active controller's loss is a fault of its own; false for brokers that are
 *                             also the controllers (combined mode), where it is also the loss of a broker
 * @param kafkaNice            the brokers' and controllers' {@code nice} level (0: none): on one machine, Kafka
 *                             processes that yield the CPU to the services, as on machines of their own
 */
record ChaosSettings(int transactionVersion, Duration sessionTimeout, Duration brokerSessionTimeout,
                     Map<String, String> serviceEnv, Map<String, String> brokerConfig, boolean dedicatedControllers,
                     int kafkaNice) {

    ChaosSettings {
        serviceEnv = Map.copyOf(serviceEnv);
        brokerConfig = Map.copyOf(brokerConfig);
    }

    /**
     * {@code NAME=value,NAME=value}; empty for none. A value may hold '=' but not ','.
     *
     * @throws IllegalArgumentException naming the pair without '='
     */
    static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("not NAME=value: \"" + pair.trim() + "\"");
            }
            pairs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return pairs;
    }
}
