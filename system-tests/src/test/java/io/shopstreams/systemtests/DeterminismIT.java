package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/contract.md, section 3.7: decisions are deterministic. The same command records (same keys, values and
 * timestamps), played into two fresh clusters, give byte-identical event logs per key (each passing the audit).
 */
class DeterminismIT {
    @RegisterExtension
    static final KafkaBrokerExtension FIRST = KafkaBrokerExtension.perClass(builder -> { });
    @RegisterExtension
    static final KafkaBrokerExtension SECOND = KafkaBrokerExtension.perClass(builder -> { });

    @Test
    void theSameCommandsGiveByteIdenticalEventLogsInAFreshCluster() {
        Map<String, List<String>> first = play(FIRST.bootstrapServers());
        Map<String, List<String>> second = play(SECOND.bootstrapServers());

        // What the scripted session decides, key by key: the logs compared below are the session's, in full.
        assertThat(outcomes(first)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cart-events/cart-s1", List.of("ItemAdded", "ItemAdded", "ItemQuantityChanged",
                        "CommandRejected QUANTITY_OUT_OF_RANGE", "ItemRemoved", "CartCheckedOut"),
                "cart-events/cart-s2", List.of("ItemAdded", "ItemAdded", "CartCheckedOut", "CartReopened",
                        "ItemRemoved", "CartCheckedOut"),
                "cart-events/cart-s3", List.of("ItemAdded", "CartCleared", "CommandRejected CART_EMPTY"),
                "order-events/" + EventIds.orderIdFor("cart-s1", "s1-co"), List.of("OrderPlaced", "OrderPaid",
                        "OrderShipped", "CommandRejected INVALID_TRANSITION"),
                "order-events/" + EventIds.orderIdFor("cart-s2", "s2-co"), List.of("OrderRejected PRODUCT_INACTIVE"),
                "order-events/" + EventIds.orderIdFor("cart-s2", "s2-co2"), List.of("OrderPlaced", "OrderCancelled"),
                "order-events/order-none", List.of("CommandRejected ORDER_NOT_FOUND")));
        assertThat(second).isEqualTo(first);
    }

    /** Each key's events as "type" or "type code", in log order. */
    private static Map<String, List<String>> outcomes(Map<String, List<String>> logs) {
        Map<String, List<String>> outcomes = new TreeMap<>();
        logs.forEach((key, values) -> outcomes.put(key, values.stream().map(DeterminismIT::outcome).toList()));
        return outcomes;
    }

    private static String outcome(String json) {
        try {
            JsonNode event = JsonCodec.mapper().readTree(json);
            return event.get("type").asText() + (event.has("code") ? " " + event.get("code").asText() : "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Plays the scripted session into a cluster; returns topic/key -> the values of that key, in log order. */
    private static Map<String, List<String>> play(String bootstrap) {
        try (ShopFixture shop = new ShopFixture(bootstrap)) {
            shop.product("sku-mug", "Mug", 1250, true);
            shop.product("sku-tea", "Green tea", 890, true);
            ServiceRuntime cart = shop.startCart("a", Map.of());
            ServiceRuntime order = shop.startOrder("a", Map.of());
            ShopFixture.awaitRunning(cart, order);
            Session session = new Session(shop, cart, order);
            session.play();
            session.settledDigest(cart);
            session.settledDigest(order);
            Audit.assertClean(shop.clientConfig());
            return logsByKey(bootstrap);
        }
    }

    private static Map<String, List<String>> logsByKey(String bootstrap) {
        Map<String, List<String>> byKey = new TreeMap<>();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.CART_EVENTS.name(), Topics.ORDER_EVENTS.name())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    byKey.computeIfAbsent(record.topic() + "/" + record.key(), k -> new ArrayList<>())
                            .add(record.value());
                }
            }
        }
        return byKey;
    }
}
