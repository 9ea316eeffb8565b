package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
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
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cart-order saga end to end on a real broker: one cart-stream and two order-stream instances that never
 * call each other, asserted through both services' HTTP APIs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SagaIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    /** 200.00 EUR: low, so that the "over the maximum" path needs no absurd cart. */
    private static final long MAX_TOTAL_CENTS = 20_000;

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    private static ShopFixture shop;
    private static ServiceRuntime cart;
    private static ServiceRuntime orderA;
    private static ServiceRuntime orderB;

    @BeforeAll
    static void start() {
        shop = new ShopFixture(KAFKA.bootstrapServers());
        shop.traceTo(SPANS);
        shop.product("sku-mug", "Mug", 1250, true);
        shop.product("sku-tea", "Green tea", 890, true);
        shop.product("sku-lamp", "Lamp", 15_000, true);
        cart = shop.startCart("a", Map.of());
        Map<String, String> orderEnv = Map.of("ORDER_MAX_TOTAL_CENTS", Long.toString(MAX_TOTAL_CENTS));
        orderA = shop.startOrder("a", orderEnv);
        orderB = shop.startOrder("b", orderEnv);
        ShopFixture.awaitRunning(cart, orderA, orderB);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void aCheckoutBecomesAnOrderWhoseLifecycleTheCartFollows() {
        String orderId = checkout("cart-happy", "cust-1", "sku-mug", 2);
        awaitCartOrder("cart-happy", "PLACED");
        JsonNode order = shop.get(orderA, "/orders/" + orderId + "?minVersion=1&timeoutMs=30000").json();
        assertThat(order.get("status").asText()).isEqualTo("PLACED");
        assertThat(order.get("totalCents").asLong()).isEqualTo(2500);
        assertThat(shop.get(orderB, "/orders/" + orderId).json()).isEqualTo(order);

        command(orderB, orderId, "{\"type\":\"PayOrder\",\"amountCents\":2500,\"paymentRef\":\"pay-1\"}", "ACCEPTED");
        awaitCartOrder("cart-happy", "PAID");
        command(orderA, orderId, "{\"type\":\"ShipOrder\",\"carrier\":\"DHL\",\"trackingId\":\"T-1\"}", "ACCEPTED");
        awaitCartOrder("cart-happy", "SHIPPED");
        command(orderB, orderId, "{\"type\":\"DeliverOrder\"}", "ACCEPTED");
        awaitCartOrder("cart-happy", "DELIVERED");
        assertThat(shop.get(cart, "/carts/cart-happy").json().get("status").asText()).isEqualTo("CHECKED_OUT");
    }

    @Test
    void aProductDeactivatedAfterItWasAddedRejectsTheOrderAndReopensTheCart() {
        add("cart-stale", "sku-mug", 1);
        add("cart-stale", "sku-tea", 1);
        shop.get(cart, "/carts/cart-stale?minVersion=2&timeoutMs=30000");
        shop.product("sku-tea", "Green tea", 890, false);
        try {
            String rejected = checkoutOnly("cart-stale", "cust-2");
            JsonNode reopened = awaitCartOrder("cart-stale", "REJECTED");
            assertThat(reopened.get("status").asText()).isEqualTo("OPEN");
            assertThat(reopened.get("items")).hasSize(2);
            assertThat(shop.get(orderB, "/orders/" + rejected).json().get("rejectionCode").asText())
                    .isEqualTo("PRODUCT_INACTIVE");

            post("cart-stale", "{\"type\":\"RemoveItem\",\"sku\":\"sku-tea\"}");
            String second = checkoutOnly("cart-stale", "cust-2");
            assertThat(second).isNotEqualTo(rejected);
            JsonNode placed = awaitCartOrder("cart-stale", "PLACED");
            assertThat(placed.get("order").get("orderId").asText()).isEqualTo(second);
        } finally {
            shop.product("sku-tea", "Green tea", 890, true);
        }
    }

    @Test
    void aTotalOverTheMaximumIsRejectedAndTheCartReopened() {
        String orderId = checkout("cart-big", "cust-3", "sku-lamp", 2);
        JsonNode reopened = awaitCartOrder("cart-big", "REJECTED");
        assertThat(reopened.get("status").asText()).isEqualTo("OPEN");
        assertThat(shop.get(orderA, "/orders/" + orderId).json().get("rejectionCode").asText())
                .isEqualTo("TOTAL_TOO_HIGH");
    }

    @Test
    void anOrderPaidThenCancelledCannotBeShipped() {
        String orderId = checkout("cart-cancel", "cust-4", "sku-tea", 1);
        awaitCartOrder("cart-cancel", "PLACED");
        command(orderA, orderId, "{\"type\":\"PayOrder\",\"amountCents\":890,\"paymentRef\":\"pay-4\"}", "ACCEPTED");
        command(orderB, orderId, "{\"type\":\"CancelOrder\",\"reason\":\"changed my mind\"}", "ACCEPTED");
        awaitCartOrder("cart-cancel", "CANCELLED");
        JsonNode refused = command(orderA, orderId,
                "{\"type\":\"ShipOrder\",\"carrier\":\"DHL\",\"trackingId\":\"T-4\"}", "REJECTED");
        assertThat(refused.get("code").asText()).isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void aCustomersOrdersSpreadOverPartitionsAllAppearFromAnyInstance() {
        List<String> orderIds = List.of(
                checkout("cart-c1", "cust-many", "sku-mug", 1),
                checkout("cart-c2", "cust-many", "sku-tea", 2),
                checkout("cart-c3", "cust-many", "sku-mug", 3),
                checkout("cart-c4", "cust-many", "sku-tea", 1));
        for (ServiceRuntime instance : List.of(orderA, orderB)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode listed = shop.get(instance, "/customers/cust-many/orders").json().get("orders");
                assertThat(StreamSupport.stream(listed.spliterator(), false).map(o -> o.get("orderId").asText()))
                        .containsExactlyInAnyOrderElementsOf(orderIds);
            });
        }
    }

    /** Last: the audit over everything the other tests did. */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyInvariantHoldsAcrossTheTopics() {
        Audit.assertClean(shop.clientConfig());
    }

    private void add(String cartId, String sku, int quantity) {
        post(cartId, "{\"type\":\"AddItem\",\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}");
    }

    /** Adds one line and checks out; returns the orderId the cart shows. */
    private String checkout(String cartId, String customerId, String sku, int quantity) {
        add(cartId, sku, quantity);
        shop.get(cart, "/carts/" + cartId + "?minVersion=1&timeoutMs=30000");
        return checkoutOnly(cartId, customerId);
    }

    private String checkoutOnly(String cartId, String customerId) {
        long version = shop.get(cart, "/carts/" + cartId).json().get("version").asLong();
        post(cartId, "{\"type\":\"Checkout\",\"customerId\":\"" + customerId + "\"}");
        JsonNode checkedOut = shop.get(cart, "/carts/" + cartId + "?minVersion=" + (version + 1) + "&timeoutMs=30000").json();
        assertThat(checkedOut.get("status").asText()).isEqualTo("CHECKED_OUT");
        return checkedOut.get("order").get("orderId").asText();
    }

    private String post(String cartId, String json) {
        var posted = shop.post(cart, "/carts/" + cartId + "/commands", json);
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        String commandId = posted.json().get("commandId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var outcome = shop.get(cart, "/carts/" + cartId + "/commands/" + commandId);
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.json().get("status").asText()).as(outcome.body()).isEqualTo("ACCEPTED");
        });
        return commandId;
    }

    /** Posts an order command and waits for its outcome; returns the outcome. */
    private JsonNode command(ServiceRuntime instance, String orderId, String json, String expectedStatus) {
        var posted = shop.post(instance, "/orders/" + orderId + "/commands", json);
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        String commandId = posted.json().get("commandId").asText();
        JsonNode[] outcome = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var answer = shop.get(instance == orderA ? orderB : orderA, "/orders/" + orderId + "/commands/" + commandId);
            assertThat(answer.status()).isEqualTo(200);
            outcome[0] = answer.json();
        });
        assertThat(outcome[0].get("status").asText()).as(outcome[0].toString()).isEqualTo(expectedStatus);
        return outcome[0];
    }

    @Test
    void aRejectedCheckoutIsOneTraceFromTheCallerThroughBothServicesAndBackToTheCart() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        String caller = "b7ad6b7169203331";
        add("cart-traced", "sku-lamp", 2);
        shop.get(cart, "/carts/cart-traced?minVersion=1&timeoutMs=30000");
        var posted = shop.call(cart, "POST", "/carts/cart-traced/commands",
                "{\"type\":\"Checkout\",\"customerId\":\"cust-traced\"}",
                Map.of("traceparent", "00-" + trace + "-" + caller + "-01"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        awaitCartOrder("cart-traced", "REJECTED");

        List<String> path = List.of("send cart-commands", "decide Checkout", "decide CartCheckedOut",
                "decide OrderRejected");
        List<SpanData>[] traced = new List[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            traced[0] = SPANS.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(trace)).toList();
            assertThat(traced[0]).extracting(SpanData::getName).containsAll(path);
        });
        // One chain, each step the child of the one before, the first the caller's child; nothing else in it.
        String parent = caller;
        List<String> services = new java.util.ArrayList<>();
        for (String name : path) {
            SpanData step = traced[0].stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
            assertThat(step.getParentSpanId()).as(name).isEqualTo(parent);
            parent = step.getSpanId();
            services.add(step.getResource().getAttribute(AttributeKey.stringKey("service.name")));
        }
        assertThat(traced[0]).hasSize(path.size());
        assertThat(services).containsExactly("cart-stream", "cart-stream", "order-stream", "cart-stream");
    }

    /** Waits until the cart's view shows its order in {@code status}; returns the cart view. */
    private JsonNode awaitCartOrder(String cartId, String status) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            view[0] = shop.get(cart, "/carts/" + cartId).json();
            assertThat(view[0].path("order").path("status").asText()).as(view[0].toString()).isEqualTo(status);
        });
        return view[0];
    }
}
