package io.shopstreams.systemtests;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Line;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One order-stream instance on a real broker: order commands produced to another partition than their key's
 * are still decided on the order's task, exactly once; every malformed order-side request is a 4xx with its
 * error code, never a 500.
 */
class OrderServiceIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final String ORDER = "order-misplaced";
    private static final String CART = "cart-misplaced";

    private static ShopFixture shop;
    private static ServiceRuntime order;

    @BeforeAll
    static void startOneInstance() {
        shop = new ShopFixture(KAFKA.bootstrapServers());
        shop.product("sku-mug", "Mug", 1299, true);
        order = shop.startOrder("a", Map.of());
        ShopFixture.awaitRunning(order);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void commands_on_other_partitions_than_their_keys_are_decided_on_the_orders_task_exactly_once() throws Exception {
        Line mug = new Line("sku-mug", "Mug", 1299, 2);
        shop.send(Topics.CART_EVENTS.name(), CART, JsonCodec.CART_EVENTS.encode(new CartEvent.CartCheckedOut(
                "checkout-of-" + ORDER, CART, "checkout-1", 2, Instant.now(), CartEvent.SCHEMA_VERSION, ORDER,
                "cust-1", List.of(mug), 2598, "EUR")));
        assertThat(shop.get(order, "/orders/" + ORDER + "?minVersion=1&timeoutMs=30000").status()).isEqualTo(200);

        int partitions = partitions(Topics.ORDER_COMMANDS.name());
        int right = Utils.toPositive(Utils.murmur2(ORDER.getBytes(StandardCharsets.UTF_8))) % partitions;
        String pay = "{\"type\":\"PayOrder\",\"commandId\":\"m-pay\",\"amountCents\":2598,\"paymentRef\":\"p-1\"}";
        shop.send(Topics.ORDER_COMMANDS.name(), (right + 1) % partitions, ORDER, utf8(pay));
        // The same command again on a third partition: a duplicate, known as such on the order's task only.
        shop.send(Topics.ORDER_COMMANDS.name(), (right + 2) % partitions, ORDER, utf8(pay));
        shop.send(Topics.ORDER_COMMANDS.name(), (right + 3) % partitions, ORDER,
                utf8("{\"type\":\"ShipOrder\",\"commandId\":\"m-ship\",\"carrier\":\"DHL\",\"trackingId\":\"T-1\"}"));

        var shipped = shop.get(order, "/orders/" + ORDER + "?minVersion=3&timeoutMs=30000");
        assertThat(shipped.status()).as(shipped.body()).isEqualTo(200);
        assertThat(shipped.json().get("status").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.json().get("version").asLong()).isEqualTo(3);
        assertThat(shop.get(order, "/orders/" + ORDER + "/commands/m-pay").json().get("status").asText())
                .isEqualTo("ACCEPTED");
        // The store shows a decision before its transaction commits: wait for the committed events.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(eventTypesOf(ORDER)).containsExactly("OrderPlaced", "OrderPaid", "OrderShipped"));
    }

    static Stream<Arguments> malformedRequests() {
        String tooLong = "o".repeat(65);
        String pay = "{\"type\":\"PayOrder\",\"amountCents\":100,\"paymentRef\":\"p\"}";
        return Stream.of(
                arguments("GET", "/orders/bad%20id", null, 400, "INVALID_ID"),
                arguments("GET", "/orders/" + tooLong, null, 400, "INVALID_ID"),
                arguments("GET", "/orders/order%2F1", null, 400, "INVALID_ID"),
                arguments("GET", "/orders/order%C3%A9", null, 400, "INVALID_ID"),
                arguments("GET", "/orders//commands/c-1", null, 400, "INVALID_ID"),
                arguments("GET", "/orders/order-unknown", null, 404, "ORDER_NOT_FOUND"),
                arguments("GET", "/orders/order-1?minVersion=abc", null, 400, "INVALID_PARAMETER"),
                arguments("GET", "/orders/order-1?minVersion=-1", null, 400, "INVALID_PARAMETER"),
                arguments("GET", "/orders/order-1?minVersion=1&timeoutMs=60001", null, 400, "INVALID_PARAMETER"),
                arguments("POST", "/orders/bad%20id/commands", pay, 400, "INVALID_ID"),
                arguments("POST", "/orders/" + tooLong + "/commands", pay, 400, "INVALID_ID"),
                arguments("POST", "/orders/order%2F1/commands", pay, 400, "INVALID_ID"),
                arguments("POST", "/orders/order-1/commands", "not json", 400, "NOT_JSON"),
                arguments("POST", "/orders/order-1/commands", "{\"type\":\"Nope\"}", 400, "UNKNOWN_TYPE"),
                arguments("POST", "/orders/order-1/commands", "{\"type\":\"AddItem\",\"sku\":\"s\",\"quantity\":1}",
                        400, "UNKNOWN_TYPE"),
                arguments("POST", "/orders/order-1/commands", "x".repeat(70_000), 413, "PAYLOAD_TOO_LARGE"),
                arguments("GET", "/orders/bad%20id/commands/c-1", null, 400, "INVALID_ID"),
                arguments("GET", "/orders/order-1/commands/bad%20command", null, 400, "INVALID_ID"),
                arguments("GET", "/orders/order-1/commands/" + tooLong, null, 400, "INVALID_ID"),
                arguments("GET", "/orders/order-1/commands/c%2F1", null, 400, "INVALID_ID"),
                arguments("GET", "/orders/order-1/commands/c-unknown", null, 404, "COMMAND_NOT_FOUND"),
                arguments("GET", "/customers/bad%20id/orders", null, 400, "INVALID_ID"),
                arguments("GET", "/customers/" + tooLong + "/orders", null, 400, "INVALID_ID"),
                arguments("GET", "/customers/cust%2F1/orders", null, 400, "INVALID_ID"),
                arguments("DELETE", "/orders/order-1", null, 405, "METHOD_NOT_ALLOWED"),
                arguments("PUT", "/orders/order-1/commands", pay, 405, "METHOD_NOT_ALLOWED"),
                arguments("GET", "/orders/order-1/commands", null, 405, "METHOD_NOT_ALLOWED"),
                arguments("POST", "/orders/order-1/commands/c-1", pay, 405, "METHOD_NOT_ALLOWED"),
                arguments("POST", "/customers/cust-1/orders", pay, 405, "METHOD_NOT_ALLOWED"),
                arguments("GET", "/orders", null, 404, "NOT_FOUND"),
                arguments("GET", "/orders/order-1/items", null, 404, "NOT_FOUND"),
                arguments("GET", "/orders/order-1/commands/c-1/more", null, 404, "NOT_FOUND"),
                arguments("GET", "/customers/cust-1", null, 404, "NOT_FOUND"),
                arguments("GET", "/customers/cust-1/orders/order-1", null, 404, "NOT_FOUND"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {4}")
    @MethodSource("malformedRequests")
    void a_malformed_order_side_request_is_a_4xx_with_its_error_code(String method, String path, String body,
                                                                      int status, String code) {
        var answer = shop.call(order, method, path, body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).isEqualTo(code);
    }

    private static int partitions(String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(shop.clientConfig())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    /** The types of the committed events of one order, in log order. */
    private static List<String> eventTypesOf(String orderId) throws Exception {
        Map<String, Object> props = new HashMap<>(shop.clientConfig());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> types = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> all = consumer.partitionsFor(Topics.ORDER_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all);
            while (all.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (orderId.equals(record.key())) {
                        types.add(JsonCodec.ORDER_EVENTS.decode(record.value().getBytes(StandardCharsets.UTF_8))
                                .getClass().getSimpleName());
                    }
                });
            }
        }
        return types;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
