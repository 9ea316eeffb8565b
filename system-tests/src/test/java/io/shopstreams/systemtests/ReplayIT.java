package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.cart.replay.CartStoreFold;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.order.replay.OrderStoreFold;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.replay.StateRebuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding state: after the loss of an instance's local state (restore from changelogs), and in full from
 * the event topics alone (the rebuild a user runs with {@code shopctl replay}); the state digest must be the
 * same after as before, and the services must go on without loss or duplicates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static ShopFixture shop;
    private static ServiceRuntime cart;
    private static ServiceRuntime order;
    private static JsonNode cartDigest;
    private static JsonNode orderDigest;

    @BeforeAll
    static void playASession() {
        shop = new ShopFixture(KAFKA.bootstrapServers());
        shop.product("sku-mug", "Mug", 1250, true);
        shop.product("sku-tea", "Green tea", 890, true);
        cart = shop.startCart("a", Map.of());
        order = shop.startOrder("a", Map.of());
        ShopFixture.awaitRunning(cart, order);
        Session session = new Session(shop, cart, order);
        session.play();
        cartDigest = session.settledDigest(cart);
        orderDigest = session.settledDigest(order);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    @Order(1)
    void anInstanceThatLostItsLocalStateRestoresItFromKafka() {
        shop.stop(cart);
        shop.deleteState("cart-stream", "a");
        cart = shop.startCart("a", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> shop.get(cart, "/ready").status() == 200);
        assertThat(shop.get(cart, "/admin/digest").json()).isEqualTo(cartDigest);
    }

    @Test
    @Order(2)
    void aRebuildIsRefusedWhileTheServiceRuns() {
        assertThatThrownBy(() -> rebuildCart(Duration.ofSeconds(1)))
                .isInstanceOf(StateRebuilder.RebuildException.class)
                .hasMessageContaining("live member");
    }

    @Test
    @Order(3)
    void theCartServiceRebuiltFromEventsAloneHasTheSameStateAndGoesOn() throws Exception {
        shop.stop(cart);
        StateRebuilder.Summary summary = rebuildCart(Duration.ofSeconds(30));
        // The session's 15 cart events and 8 order events (see DeterminismIT); 3 carts, 3 orders seen by them,
        // and one remembered outcome per cart event.
        assertThat(summary.eventsRead()).isEqualTo(23);
        assertThat(summary.entriesByStore()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cart-store", 3L, "cart-order-store", 3L, "cart-outcome-store", 15L));
        assertThat(summary.epoch()).isEqualTo(1);

        cart = shop.startCart("a", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> shop.get(cart, "/ready").status() == 200);
        assertThat(shop.get(cart, "/admin/digest").json()).isEqualTo(cartDigest);

        // A command re-sent with a pre-rebuild commandId still has no effect; a new one continues.
        long version = shop.get(cart, "/carts/cart-s3").json().get("version").asLong();
        shop.send(Topics.CART_COMMANDS.name(), "cart-s3", Session.addItem("s3-add", "sku-mug", 5));
        shop.send(Topics.CART_COMMANDS.name(), "cart-s3", Session.addItem("after-rebuild", "sku-mug", 1));
        var after = shop.get(cart, "/carts/cart-s3?minVersion=" + (version + 1) + "&timeoutMs=30000");
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().get("version").asLong()).isEqualTo(version + 1);
        assertThat(after.json().get("items").get(0).get("quantity").asInt()).as("only the new command counted").isEqualTo(1);
    }

    @Test
    @Order(4)
    void theOrderServiceRebuiltFromEventsAloneHasTheSameState() throws Exception {
        shop.stop(order);
        try (Admin admin = admin(); OrderStoreFold fold = new OrderStoreFold(Long.MAX_VALUE)) {
            new StateRebuilder(admin, shop.clientConfig(), Duration.ofSeconds(30), Session.QUIET)
                    .rebuild("order-stream", OrderStoreFold.stores(), fold);
        }
        order = shop.startOrder("a", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> shop.get(order, "/ready").status() == 200);
        assertThat(shop.get(order, "/admin/digest").json()).isEqualTo(orderDigest);
    }

    @Test
    @Order(5)
    void everyInvariantHoldsAcrossTheTopicsAfterTheRebuilds() {
        Audit.assertClean(shop.clientConfig());
    }

    private static StateRebuilder.Summary rebuildCart(Duration groupWait) throws InterruptedException {
        try (Admin admin = admin(); CartStoreFold fold = new CartStoreFold(Long.MAX_VALUE)) {
            return new StateRebuilder(admin, shop.clientConfig(), groupWait, Session.QUIET)
                    .rebuild("cart-stream", CartStoreFold.stores(), fold);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }
}
