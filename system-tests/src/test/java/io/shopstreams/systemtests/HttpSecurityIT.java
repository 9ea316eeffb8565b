package io.shopstreams.systemtests;

import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.http.QueryRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP token on running services: two cart instances protecting reads too ({@code HTTP_AUTH_READS=true}),
 * whose forwarded reads and digest fan-out carry the token, and one order instance protecting writes only.
 * Then {@code /metrics} of the cart instances: Kafka Streams, JVM and every metric of ours.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpSecurityIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final String TOKEN = "it-token-7f3c9a";
    private static final Map<String, String> BEARER = Map.of("Authorization", "Bearer " + TOKEN);
    private static final List<String> CARTS = IntStream.range(0, 12).mapToObj(i -> "cart-" + i).toList();
    private static final String ADD_MUG =
            "{\"type\":\"AddItem\",\"commandId\":\"add-1\",\"sku\":\"sku-mug\",\"quantity\":1}";

    private static ShopFixture shop;
    private static ServiceRuntime cartA;
    private static ServiceRuntime cartB;
    private static ServiceRuntime order;

    @BeforeAll
    static void start() {
        shop = new ShopFixture(KAFKA.bootstrapServers());
        shop.product("sku-mug", "Mug", 1299, true);
        shop.product("sku-old", "Old mug", 500, false);
        Map<String, String> everything = Map.of("HTTP_AUTH_TOKEN", TOKEN, "HTTP_AUTH_READS", "true");
        cartA = shop.startCart("a", everything);
        cartB = shop.startCart("b", everything);
        order = shop.startOrder("a", Map.of("HTTP_AUTH_TOKEN", TOKEN));
        ShopFixture.awaitRunning(cartA, cartB, order);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    @Order(1)
    void a_command_needs_the_token_401_without_it_403_with_another() {
        var without = shop.post(cartA, "/carts/cart-0/commands", ADD_MUG);
        assertThat(without.status()).isEqualTo(401);
        assertThat(without.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(without.json().get("error").asText()).isEqualTo("UNAUTHORIZED");

        var wrong = shop.call(cartA, "POST", "/carts/cart-0/commands", ADD_MUG, Map.of("Authorization", "Bearer x"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().get("error").asText()).isEqualTo("FORBIDDEN");

        assertThat(shop.call(cartA, "POST", "/carts/cart-0/commands", ADD_MUG, BEARER).status()).isEqualTo(202);
        assertThat(shop.post(order, "/orders/order-1/commands", "{\"type\":\"CancelOrder\",\"reason\":\"x\"}")
                .status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void where_only_writes_are_protected_reads_are_open_but_admin_is_not() {
        assertThat(shop.get(order, "/orders/order-unknown").status()).isEqualTo(404);
        assertThat(shop.get(order, "/health").status()).isEqualTo(200);
        assertThat(shop.get(order, "/admin/digest").status()).isEqualTo(401);
        assertThat(shop.call(order, "GET", "/admin/digest", null, BEARER).status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void with_reads_protected_every_cart_reads_through_both_instances_with_the_token() {
        for (String cart : CARTS) {
            shop.send(Topics.CART_COMMANDS.name(), cart, ADD_MUG);
        }
        long forwarded = 0;
        for (String cart : CARTS) {
            var viaA = shop.call(cartA, "GET", "/carts/" + cart + "?minVersion=1&timeoutMs=30000", null, BEARER);
            var viaB = shop.call(cartB, "GET", "/carts/" + cart + "?minVersion=1&timeoutMs=30000", null, BEARER);
            assertThat(viaA.status()).as(cart).isEqualTo(200);
            assertThat(viaB.json()).as(cart).isEqualTo(viaA.json());
            forwarded += viaA.header(QueryRouter.SERVED_BY_HEADER) != null ? 1 : 0;
        }
        assertThat(forwarded).as("keys of the other instance are forwarded, token included").isBetween(1L, 11L);

        assertThat(shop.get(cartA, "/carts/cart-1").status()).isEqualTo(401);
        assertThat(shop.get(cartB, "/metrics").status()).isEqualTo(401);
        assertThat(shop.get(cartA, "/health").status()).as("probes stay open").isEqualTo(200);
        assertThat(shop.get(cartA, "/ready").status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void the_digest_of_all_instances_is_gathered_with_the_token() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var digest = shop.call(cartA, "GET", "/admin/digest", null, BEARER);
            assertThat(digest.status()).as(digest.body()).isEqualTo(200);
            assertThat(digest.json().get("instances").asInt()).isEqualTo(2);
        });
    }

    @Test
    @Order(5)
    void metrics_show_kafka_streams_the_jvm_and_every_metric_of_ours() {
        shop.send(Topics.CART_COMMANDS.name(), "cart-1", ADD_MUG); // a duplicate of add-1
        shop.send(Topics.CART_COMMANDS.name(), "cart-2",
                "{\"type\":\"AddItem\",\"commandId\":\"old-1\",\"sku\":\"sku-old\",\"quantity\":1}");
        shop.send(Topics.CART_COMMANDS.name(), "cart-3", "not json");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = scrape(cartA) + scrape(cartB);
            assertThat(metrics).contains("kafka_stream_thread_process_total", "kafka_stream_alive_stream_threads",
                    "jvm_memory_used_bytes",
                    "shop_commands_duplicate_total", "shop_queries_forwarded_total", "shop_long_polls_waiting",
                    "shop_dead_letters_total{code=\"NOT_JSON\",service=\"cart-stream\"}",
                    "shop_http_requests_seconds_count{route=\"GET /carts/{cartId}\",status=\"2xx\"}",
                    "shop_http_requests_seconds_count{route=\"POST /carts/{cartId}/commands\",status=\"4xx\"}");
            assertThat(metrics.lines()).anyMatch(line -> line.startsWith("shop_commands_total{")
                    && line.contains("outcome=\"accepted\""));
            assertThat(metrics.lines()).anyMatch(line -> line.startsWith("shop_commands_total{")
                    && line.contains("code=\"PRODUCT_INACTIVE\"") && line.contains("outcome=\"rejected\""));
        });
    }

    private static String scrape(ServiceRuntime instance) {
        var answer = shop.call(instance, "GET", "/metrics", null, BEARER);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        return answer.body();
    }
}
