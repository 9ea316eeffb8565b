package io.shopstreams.systemtests;

import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.http.QueryRouter;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two cart-stream instances on a real broker: commands produced with a plain producer, every cart read through
 * both instances' HTTP ports, then one instance stopped and the other serving every key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CartServiceIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final List<String> CARTS = IntStream.range(0, 12).mapToObj(i -> "cart-" + i).toList();

    private static ShopFixture shop;
    private static ServiceRuntime first;
    private static ServiceRuntime second;

    @BeforeAll
    static void startTwoInstances() {
        shop = new ShopFixture(KAFKA.bootstrapServers());
        shop.product("sku-mug", "Mug", 1299, true);
        shop.product("sku-old", "Old mug", 500, false);
        first = shop.startCart("a", Map.of());
        second = shop.startCart("b", Map.of());
        ShopFixture.awaitRunning(first, second);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    @Order(1)
    void everyCartReadsTheSameThroughBothInstances() {
        for (String cart : CARTS) {
            shop.send(Topics.CART_COMMANDS.name(), cart,
                    "{\"type\":\"AddItem\",\"commandId\":\"add-1\",\"sku\":\"sku-mug\",\"quantity\":2}");
        }
        for (String cart : CARTS) {
            var viaFirst = shop.get(first, "/carts/" + cart + "?minVersion=1&timeoutMs=30000");
            var viaSecond = shop.get(second, "/carts/" + cart + "?minVersion=1&timeoutMs=30000");
            assertThat(viaFirst.status()).as(cart).isEqualTo(200);
            assertThat(viaSecond.json()).as(cart).isEqualTo(viaFirst.json());
            assertThat(viaFirst.json().get("items").get(0).get("name").asText()).isEqualTo("Mug");
            assertThat(viaFirst.json().get("totalCents").asLong()).isEqualTo(2598);
        }
        long forwarded = CARTS.stream()
                .filter(cart -> shop.get(first, "/carts/" + cart).header(QueryRouter.SERVED_BY_HEADER) != null)
                .count();
        assertThat(forwarded).as("keys owned by the other instance are forwarded").isBetween(1L, 11L);
    }

    @Test
    @Order(2)
    void aCommandPostedToOneInstanceIsDecidedAndItsOutcomeReadableFromTheOther() {
        var posted = shop.post(second, "/carts/cart-3/commands",
                "{\"type\":\"AddItem\",\"sku\":\"sku-old\",\"quantity\":1}");
        assertThat(posted.status()).isEqualTo(202);
        String commandId = posted.json().get("commandId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var outcome = shop.get(first, "/carts/cart-3/commands/" + commandId);
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.json().get("status").asText()).isEqualTo("REJECTED");
            assertThat(outcome.json().get("code").asText()).isEqualTo("PRODUCT_INACTIVE");
        });
    }

    @Test
    @Order(3)
    void aCommandOnAnotherPartitionThanItsKeysIsStillDecidedOnTheCartsTask() {
        String cart = "cart-misplaced";
        int right = Utils.toPositive(Utils.murmur2(cart.getBytes(StandardCharsets.UTF_8))) % 6;
        shop.send(Topics.CART_COMMANDS.name(), (right + 1) % 6, cart,
                "{\"type\":\"AddItem\",\"commandId\":\"m-1\",\"sku\":\"sku-mug\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
        shop.send(Topics.CART_COMMANDS.name(), (right + 2) % 6, cart,
                "{\"type\":\"AddItem\",\"commandId\":\"m-2\",\"sku\":\"sku-mug\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
        var cartView = shop.get(first, "/carts/" + cart + "?minVersion=2&timeoutMs=30000");
        assertThat(cartView.status()).isEqualTo(200);
        assertThat(cartView.json().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void badInputIsAnsweredWithAClearErrorAndNeverA500() {
        assertThat(shop.get(first, "/carts/bad%20id").status()).isEqualTo(400);
        assertThat(shop.get(first, "/carts/unknown-cart").status()).isEqualTo(404);
        assertThat(shop.get(first, "/carts/cart-1?minVersion=abc").status()).isEqualTo(400);
        var notACommand = shop.post(first, "/carts/cart-1/commands", "{\"type\":\"Nope\"}");
        assertThat(notACommand.status()).isEqualTo(400);
        assertThat(notACommand.json().get("error").asText()).isEqualTo("UNKNOWN_TYPE");
        assertThat(shop.post(first, "/carts/cart-1/commands", "x".repeat(70_000)).status()).isEqualTo(413);
        assertThat(shop.get(first, "/carts/cart-1?minVersion=99&timeoutMs=200").status()).isEqualTo(504);
    }

    @Test
    @Order(5)
    void whenOneInstanceStopsTheOtherServesEveryKey() {
        shop.stop(first);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String cart : CARTS) {
                var view = shop.get(second, "/carts/" + cart);
                assertThat(view.status()).as(cart).isEqualTo(200);
                assertThat(view.header(QueryRouter.SERVED_BY_HEADER)).as(cart + " served locally").isNull();
                // As the owner now, not from a standby copy: what this instance knew of the key's owner before the
                // rebalance (it caches it per assignment) must not outlive it.
                assertThat(view.header(QueryRouter.STALE_HEADER)).as(cart + " served as its owner").isNull();
            }
        });
    }
}
