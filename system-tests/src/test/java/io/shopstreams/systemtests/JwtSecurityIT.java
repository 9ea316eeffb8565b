package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.http.DevTokenIssuer;
import io.shopstreams.service.http.QueryRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * JWT mode on running services: one cart instance and two order instances validating tokens of a generated key
 * (a JWKS file), with the instance token for their own calls. Every role is accepted on both order instances,
 * for keys each owns and keys it forwards; a customer reads its own orders and no other customer's, through
 * either instance.
 */
class JwtSecurityIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final String INSTANCE_TOKEN = "instance-7c1e";
    private static final DevTokenIssuer ISSUER = new DevTokenIssuer();
    private static final int CARTS_PER_CUSTOMER = 10;

    private static ShopFixture shop;
    private static ServiceRuntime cart;
    private static ServiceRuntime orderA;
    private static ServiceRuntime orderB;
    private static Path jwks;
    /** customerId -> its orderIds, sorted. */
    private static final Map<String, TreeSet<String>> ORDERS = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        jwks = Files.createTempFile("jwks", ".json");
        Files.writeString(jwks, ISSUER.jwks());
        Map<String, String> env = Map.of("JWT_JWKS_FILE", jwks.toString(), "JWT_ISSUER", ISSUER.issuer(),
                "JWT_AUDIENCE", ISSUER.audience(), "HTTP_AUTH_TOKEN", INSTANCE_TOKEN);
        shop = new ShopFixture(KAFKA.bootstrapServers());
        shop.product("sku-mug", "Mug", 1250, true);
        cart = shop.startCart("a", env);
        orderA = shop.startOrder("a", env);
        orderB = shop.startOrder("b", env);
        ShopFixture.awaitRunning(cart, orderA, orderB);

        // The commands go to Kafka directly: the topics are not behind the HTTP port's checks.
        for (String customer : List.of("cust-a", "cust-b")) {
            for (int i = 0; i < CARTS_PER_CUSTOMER; i++) {
                String cartId = "cart-" + customer + "-" + i;
                shop.send(Topics.CART_COMMANDS.name(), cartId,
                        "{\"type\":\"AddItem\",\"commandId\":\"add\",\"sku\":\"sku-mug\",\"quantity\":1}");
                shop.send(Topics.CART_COMMANDS.name(), cartId,
                        "{\"type\":\"Checkout\",\"commandId\":\"checkout\",\"customerId\":\"" + customer + "\"}");
            }
        }
        Map<String, String> reader = bearer("reader", "shop:read");
        for (String customer : List.of("cust-a", "cust-b")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var index = shop.call(orderA, "GET", "/customers/" + customer + "/orders", null, reader);
                assertThat(index.status()).as(index.body()).isEqualTo(200);
                assertThat(index.json().get("orders")).hasSize(CARTS_PER_CUSTOMER);
            });
            TreeSet<String> ids = new TreeSet<>();
            shop.call(orderA, "GET", "/customers/" + customer + "/orders", null, reader).json().get("orders")
                    .forEach(order -> ids.add(order.get("orderId").asText()));
            ORDERS.put(customer, ids);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        shop.close();
        Files.deleteIfExists(jwks);
    }

    private static Map<String, String> bearer(String subject, String... roles) {
        return Map.of("Authorization", "Bearer " + ISSUER.token(subject, List.of(roles), Duration.ofMinutes(10)));
    }

    private static List<ServiceRuntime> orderInstances() {
        return List.of(orderA, orderB);
    }

    @Test
    void a_reader_gets_every_order_from_both_instances_local_and_forwarded() {
        Map<String, String> reader = bearer("reader", "shop:read");
        int forwarded = 0;
        for (String orderId : allOrders()) {
            JsonNode first = null;
            for (ServiceRuntime instance : orderInstances()) {
                var answer = shop.call(instance, "GET", "/orders/" + orderId, null, reader);
                assertThat(answer.status()).as(orderId + ": " + answer.body()).isEqualTo(200);
                assertThat(answer.json().get("orderId").asText()).isEqualTo(orderId);
                first = first == null ? answer.json() : first;
                assertThat(answer.json()).isEqualTo(first);
                forwarded += answer.header(QueryRouter.SERVED_BY_HEADER) != null ? 1 : 0;
            }
        }
        assertThat(forwarded).as("each order is forwarded by the instance that does not own it")
                .isEqualTo(allOrders().size());
    }

    @Test
    void a_customer_reads_its_own_orders_and_no_other_customers_through_either_instance() {
        Map<String, String> custA = bearer("cust-a", "customer");
        for (ServiceRuntime instance : orderInstances()) {
            for (String own : ORDERS.get("cust-a")) {
                var answer = shop.call(instance, "GET", "/orders/" + own, null, custA);
                assertThat(answer.status()).as(own + ": " + answer.body()).isEqualTo(200);
                assertThat(answer.json().get("customerId").asText()).isEqualTo("cust-a");
            }
            for (String other : ORDERS.get("cust-b")) {
                var answer = shop.call(instance, "GET", "/orders/" + other, null, custA);
                assertThat(answer.status()).as(other + ": " + answer.body()).isEqualTo(403);
                assertThat(answer.json().get("error").asText()).isEqualTo("NOT_OWNER");
                assertThat(answer.body()).doesNotContain("sku-mug").doesNotContain("cust-b\"");
            }
            var ownIndex = shop.call(instance, "GET", "/customers/cust-a/orders", null, custA);
            assertThat(ownIndex.status()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            ownIndex.json().get("orders").forEach(order -> ids.add(order.get("orderId").asText()));
            assertThat(new TreeSet<>(ids)).isEqualTo(ORDERS.get("cust-a"));

            var otherIndex = shop.call(instance, "GET", "/customers/cust-b/orders", null, custA);
            assertThat(otherIndex.status()).isEqualTo(403);
            assertThat(otherIndex.json().get("error").asText()).isEqualTo("NOT_OWNER");
            assertThat(shop.call(instance, "GET", "/carts/cart-cust-a-0", null, custA).status())
                    .as("no cart route on the order service").isEqualTo(404);
            var pay = shop.call(instance, "POST", "/orders/" + ORDERS.get("cust-a").first() + "/commands",
                    "{\"type\":\"PayOrder\",\"amountCents\":1250,\"paymentRef\":\"p-1\"}", custA);
            assertThat(pay.status()).as("customers do not pay through the API").isEqualTo(403);
            assertThat(pay.json().get("error").asText()).isEqualTo("MISSING_ROLE");
            var cancelOther = shop.call(instance, "POST", "/orders/" + ORDERS.get("cust-b").last() + "/commands",
                    "{\"type\":\"CancelOrder\",\"reason\":\"not mine\"}", custA);
            assertThat(cancelOther.status()).as(cancelOther.body()).isEqualTo(403);
            assertThat(cancelOther.json().get("error").asText()).isEqualTo("NOT_OWNER");
        }
        // Its own orders it may cancel: one where the instance asked holds it, one it forwards to the owner.
        // By the first instance: the first order it holds, and the first it forwards.
        Map<Boolean, String> picks = new HashMap<>();
        for (String orderId : ORDERS.get("cust-a")) {
            boolean forwarded = shop.call(orderA, "GET", "/orders/" + orderId, null, custA)
                    .header(QueryRouter.SERVED_BY_HEADER) != null;
            picks.putIfAbsent(forwarded, orderId);
        }
        assertThat(picks).as("10 orders over 2 instances: some held by each").containsKeys(true, false);
        for (Map.Entry<Boolean, String> pick : picks.entrySet()) {
            String orderId = pick.getValue();
            var cancel = shop.call(orderA, "POST", "/orders/" + orderId + "/commands",
                    "{\"type\":\"CancelOrder\",\"reason\":\"changed my mind\"}", custA);
            assertThat(cancel.status()).as(orderId + ": " + cancel.body()).isEqualTo(202);
            assertThat(cancel.header(QueryRouter.SERVED_BY_HEADER) != null).as("forwarded").isEqualTo(pick.getKey());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shop.call(orderB, "GET",
                    "/orders/" + orderId, null, custA).json().get("status").asText()).isEqualTo("CANCELLED"));
        }
        assertThat(shop.call(cart, "GET", "/carts/cart-cust-a-0", null, custA).status())
                .as("carts are read with shop:read").isEqualTo(403);
    }

    @Test
    void writers_and_admins_are_accepted_for_their_routes_only() {
        var add = shop.call(cart, "POST", "/carts/cart-new/commands",
                "{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":2}", bearer("frontend", "cart:write"));
        assertThat(add.status()).as(add.body()).isEqualTo(202);
        var readerPost = shop.call(cart, "POST", "/carts/cart-new/commands",
                "{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":2}", bearer("reader", "shop:read"));
        assertThat(readerPost.status()).isEqualTo(403);
        assertThat(readerPost.json().get("error").asText()).isEqualTo("MISSING_ROLE");

        for (ServiceRuntime instance : orderInstances()) {
            var digest = shop.call(instance, "GET", "/admin/digest", null, bearer("ops", "shop:admin"));
            assertThat(digest.status()).as(digest.body()).isEqualTo(200);
            assertThat(digest.json().get("instances").asInt()).as("fanned out with the instance token").isEqualTo(2);
            assertThat(shop.call(instance, "GET", "/admin/digest", null, bearer("reader", "shop:read")).status())
                    .isEqualTo(403);
            assertThat(shop.call(instance, "GET", "/metrics", null, Map.of()).status()).isEqualTo(401);
            assertThat(shop.call(instance, "GET", "/ready", null, Map.of()).status()).isEqualTo(200);
        }
        String cancelled = ORDERS.get("cust-b").first();
        var cancel = shop.call(orderB, "POST", "/orders/" + cancelled + "/commands",
                "{\"type\":\"CancelOrder\",\"reason\":\"support ticket\"}", bearer("backend", "order:write"));
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        var expired = shop.call(orderA, "GET", "/orders/" + cancelled, null,
                Map.of("Authorization", "Bearer " + ISSUER.token("reader", List.of("shop:read"), Duration.ofSeconds(-120))));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(expired.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    private static List<String> allOrders() {
        List<String> all = new ArrayList<>();
        ORDERS.values().forEach(all::addAll);
        return all;
    }
}
