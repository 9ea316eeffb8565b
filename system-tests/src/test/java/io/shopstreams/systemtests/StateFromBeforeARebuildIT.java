package io.shopstreams.systemtests;

import io.shopstreams.cart.replay.CartStoreFold;
import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.replay.ChangelogWriter;
import io.shopstreams.service.replay.StateRebuilder;
import io.shopstreams.service.stream.KeyPartitioner;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance started on local state from before a full rebuild discards it and serves the rebuilt state.
 *
 * <p>Kafka Streams alone would not notice: the rebuild recreates the changelogs, and a local checkpoint that
 * does not lie beyond the new changelog's end is taken at its word. So the instance's old state dir is made
 * such a case: it holds the cart at version 1 with a checkpoint of 2 (its record and a commit marker) on the
 * cart's changelog partition, while the rebuilt partition holds three carts in key order, the cart first.
 * Restoring from the checkpoint would skip the cart's rebuilt record and serve version 1.
 */
class StateFromBeforeARebuildIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final String CART_STORE_CHANGELOG = ChangelogWriter.changelogTopic("cart-stream", CartStores.CARTS);

    @Test
    void an_instance_on_state_from_before_a_rebuild_serves_the_rebuilt_state() throws Exception {
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers())) {
            shop.product("sku-mug", "Mug", 1250, true);
            // The changelog partition of a cart is its task's: the cart and two more on the same one, sorting after.
            int partitions = 6;
            String cart = "cart-0";
            int partition = KeyPartitioner.partitionOf(cart, partitions);
            List<String> others = IntStream.range(0, 1000).mapToObj(i -> "cart-z" + i)
                    .filter(id -> KeyPartitioner.partitionOf(id, partitions) == partition).limit(2).toList();

            ServiceRuntime early = shop.startCart("early", Map.of());
            ShopFixture.awaitRunning(early);
            add(shop, cart, "add-1");
            assertThat(shop.get(early, "/carts/" + cart + "?minVersion=1&timeoutMs=30000").status()).isEqualTo(200);
            shop.stop(early);

            ServiceRuntime later = shop.startCart("later", Map.of());
            ShopFixture.awaitRunning(later);
            add(shop, cart, "add-2");
            others.forEach(other -> add(shop, other, "add-1"));
            assertThat(shop.get(later, "/carts/" + cart + "?minVersion=2&timeoutMs=30000").status()).isEqualTo(200);
            for (String other : others) {
                assertThat(shop.get(later, "/carts/" + other + "?minVersion=1&timeoutMs=30000").status()).isEqualTo(200);
            }
            shop.stop(later);

            try (Admin admin = Admin.create(shop.clientConfig()); CartStoreFold fold = new CartStoreFold(Long.MAX_VALUE)) {
                assertThat(admin.describeTopics(List.of(CART_STORE_CHANGELOG)).allTopicNames().get()
                        .get(CART_STORE_CHANGELOG).partitions()).hasSize(partitions);
                StateRebuilder.Summary summary = new StateRebuilder(admin, shop.clientConfig(), Duration.ofSeconds(30),
                        Session.QUIET).rebuild("cart-stream", CartStoreFold.stores(), fold);
                assertThat(summary.entriesByStore()).containsEntry(CartStores.CARTS, 3L);
            }

            ServiceRuntime restarted = shop.startCart("early", Map.of());
            await().atMost(Duration.ofSeconds(60)).until(() -> shop.get(restarted, "/ready").status() == 200);
            var view = shop.get(restarted, "/carts/" + cart);
            assertThat(view.status()).as(view.body()).isEqualTo(200);
            assertThat(view.json().get("version").asLong()).as(view.body()).isEqualTo(2);
            assertThat(view.json().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
            for (String other : others) {
                assertThat(shop.get(restarted, "/carts/" + other).status()).as(other).isEqualTo(200);
            }
        }
    }

    private static void add(ShopFixture shop, String cart, String commandId) {
        shop.send(Topics.CART_COMMANDS.name(), cart,
                "{\"type\":\"AddItem\",\"commandId\":\"" + commandId + "\",\"sku\":\"sku-mug\",\"quantity\":1}");
    }
}
