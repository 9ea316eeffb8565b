package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.events.Topics;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.replay.StateRebuilder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scripted shop session with every command kind, rejections, duplicates, malformed records and both saga
 * paths, produced as raw records to the command topics. Used wherever a realistic state is needed.
 */
final class Session {
    static final StateRebuilder.Listener QUIET = new StateRebuilder.Listener() {
        @Override
        public void step(String message) {
        }

        @Override
        public void update(long read, long total) {
        }
    };

    /**
     * Command records carry timestamps counted from here, so that two plays in one test run are alike (and
     * recent, so that the brokers' time-based retention leaves them alone).
     */
    private static final long START = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
            .toEpochMilli();

    private final ShopFixture shop;
    private final ServiceRuntime cart;
    private final ServiceRuntime order;
    private long clock = START;

    Session(ShopFixture shop, ServiceRuntime cart, ServiceRuntime order) {
        this.shop = shop;
        this.cart = cart;
        this.order = order;
    }

    static String addItem(String commandId, String sku, int quantity) {
        return "{\"type\":\"AddItem\",\"commandId\":\"" + commandId + "\",\"sku\":\"" + sku
                + "\",\"quantity\":" + quantity + "}";
    }

    void play() {
        // cart-s1: every cart command kind, a rejection, a duplicate, then a placed order paid and shipped.
        cartCommand("cart-s1", addItem("s1-add-1", "sku-mug", 2));
        cartCommand("cart-s1", addItem("s1-add-1", "sku-mug", 2));
        cartCommand("cart-s1", addItem("s1-add-2", "sku-tea", 1));
        cartCommand("cart-s1", "{\"type\":\"ChangeQuantity\",\"commandId\":\"s1-q\",\"sku\":\"sku-tea\",\"quantity\":3}");
        cartCommand("cart-s1", "{\"type\":\"ChangeQuantity\",\"commandId\":\"s1-q0\",\"sku\":\"sku-tea\",\"quantity\":0}");
        cartCommand("cart-s1", "{\"type\":\"RemoveItem\",\"commandId\":\"s1-rm\",\"sku\":\"sku-tea\"}");
        cartCommand("cart-s1", "{\"type\":\"Checkout\",\"commandId\":\"s1-co\",\"customerId\":\"cust-1\"}");
        String placed = awaitOrder("cart-s1", "PLACED");
        orderCommand(placed, "{\"type\":\"PayOrder\",\"commandId\":\"s1-pay\",\"amountCents\":2500,\"paymentRef\":\"p-1\"}");
        orderCommand(placed, "{\"type\":\"ShipOrder\",\"commandId\":\"s1-ship\",\"carrier\":\"DHL\",\"trackingId\":\"T\"}");
        orderCommand(placed, "{\"type\":\"ShipOrder\",\"commandId\":\"s1-ship\",\"carrier\":\"DHL\",\"trackingId\":\"T\"}");
        orderCommand(placed, "{\"type\":\"CancelOrder\",\"commandId\":\"s1-cancel\",\"reason\":\"late\"}");
        awaitOrder("cart-s1", "SHIPPED");

        // cart-s2: a product deactivated after it was added: rejected, reopened, fixed, placed, cancelled.
        cartCommand("cart-s2", addItem("s2-add", "sku-tea", 1));
        cartCommand("cart-s2", addItem("s2-add-mug", "sku-mug", 1));
        // Commands take a repartition hop, the catalog does not: let both items land before the change.
        shop.get(cart, "/carts/cart-s2?minVersion=2&timeoutMs=30000");
        shop.product("sku-tea", "Green tea", 890, false);
        cartCommand("cart-s2", "{\"type\":\"Checkout\",\"commandId\":\"s2-co\",\"customerId\":\"cust-2\"}");
        awaitOrder("cart-s2", "REJECTED");
        shop.product("sku-tea", "Green tea", 890, true);
        cartCommand("cart-s2", "{\"type\":\"RemoveItem\",\"commandId\":\"s2-rm\",\"sku\":\"sku-tea\"}");
        cartCommand("cart-s2", "{\"type\":\"Checkout\",\"commandId\":\"s2-co2\",\"customerId\":\"cust-2\"}");
        String second = awaitOrder("cart-s2", "PLACED");
        orderCommand(second, "{\"type\":\"CancelOrder\",\"commandId\":\"s2-cancel\",\"reason\":\"changed mind\"}");
        awaitOrder("cart-s2", "CANCELLED");

        // cart-s3: cleared, an empty checkout refused, malformed records dead-lettered.
        cartCommand("cart-s3", addItem("s3-add", "sku-mug", 1));
        cartCommand("cart-s3", "{\"type\":\"ClearCart\",\"commandId\":\"s3-clear\"}");
        cartCommand("cart-s3", "{\"type\":\"Checkout\",\"commandId\":\"s3-co\",\"customerId\":\"cust-3\"}");
        cartCommand("cart-s3", "not json");
        cartCommand("cart-s3", "{\"type\":\"Teleport\",\"commandId\":\"x\"}");
        orderCommand("order-none", "{\"type\":\"DeliverOrder\",\"commandId\":\"d-none\"}");
        awaitOutcome(cart, "/carts/cart-s3/commands/s3-co");
        awaitOutcome(order, "/orders/order-none/commands/d-none");
    }

    private void cartCommand(String cartId, String json) {
        send(Topics.CART_COMMANDS.name(), cartId, json);
    }

    private void orderCommand(String orderId, String json) {
        send(Topics.ORDER_COMMANDS.name(), orderId, json);
    }

    private void send(String topic, String key, String json) {
        clock += 1000;
        shop.send(topic, null, key, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), clock);
    }

    private String awaitOrder(String cartId, String status) {
        AtomicReference<String> orderId = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = shop.get(cart, "/carts/" + cartId).json();
            assertThat(view.path("order").path("status").asText()).as(view.toString()).isEqualTo(status);
            orderId.set(view.get("order").get("orderId").asText());
        });
        return orderId.get();
    }

    private void awaitOutcome(ServiceRuntime service, String path) {
        await().atMost(Duration.ofSeconds(30)).until(() -> shop.get(service, path).status() == 200);
    }

    /** The service's digest once two reads a moment apart agree (nothing left in flight). */
    JsonNode settledDigest(ServiceRuntime service) {
        AtomicReference<JsonNode> previous = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var answer = shop.get(service, "/admin/digest");
            if (answer.status() != 200) {
                return false;
            }
            JsonNode digest = answer.json();
            return digest.equals(previous.getAndSet(digest));
        });
        return previous.get();
    }
}
