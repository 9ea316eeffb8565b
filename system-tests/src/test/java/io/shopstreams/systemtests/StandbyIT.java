package io.shopstreams.systemtests;

import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.http.QueryRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two cart instances with one standby replica each: when one instance stops, its keys are answered by the
 * other from the moment it is gone (first from its warm standby, marked stale, then as the new owner).
 */
class StandbyIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final List<String> CARTS = IntStream.range(0, 12).mapToObj(i -> "cart-" + i).toList();

    @Test
    void theStandbyAnswersForTheKeysOfAStoppedInstance() throws InterruptedException {
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers())) {
            shop.product("sku-mug", "Mug", 1250, true);
            List<ServiceRuntime> pair = shop.startTwoCartsWithStandbys();
            ServiceRuntime first = pair.get(0);
            ServiceRuntime second = pair.get(1);
            shop.addOneMugToEach(CARTS, second);
            // Standbys catch up asynchronously: wait until each instance holds all six partitions, caught up.
            for (ServiceRuntime instance : List.of(first, second)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    var lags = instance.streams().allLocalStorePartitionLags().get(CartStores.CARTS);
                    return lags != null && lags.size() == 6
                            // Under exactly-once a standby stops before the last commit marker: a lag of 1.
                            && lags.values().stream().allMatch(lag -> lag.offsetLag() <= 1);
                });
            }

            // Which keys the stopping instance owns: second forwards those to it.
            Set<String> firstsKeys = new HashSet<>();
            Map<String, String> views = new HashMap<>();
            for (String cart : CARTS) {
                var answer = shop.get(second, "/carts/" + cart);
                views.put(cart, answer.body());
                if (answer.header(QueryRouter.SERVED_BY_HEADER) != null) {
                    firstsKeys.add(cart);
                }
            }
            assertThat(firstsKeys).as("the stopping instance owns some keys").isNotEmpty().hasSizeLessThan(CARTS.size());

            List<String> failures = new ArrayList<>();
            Map<String, List<Source>> sources = new HashMap<>();
            AtomicBoolean stopping = new AtomicBoolean(true);
            Thread stopper = new Thread(() -> {
                shop.stop(first);
                stopping.set(false);
            });
            long started = System.nanoTime();
            stopper.start();
            int rounds = 0;
            while (stopping.get() || rounds < 5 || System.nanoTime() - started < Duration.ofSeconds(10).toNanos()) {
                for (String cart : CARTS) {
                    var answer = shop.get(second, "/carts/" + cart);
                    if (answer.status() != 200) {
                        failures.add(String.format("%.1f s %s %d %s", (System.nanoTime() - started) / 1e9, cart,
                                answer.status(), answer.body()));
                        continue;
                    }
                    assertThat(answer.body()).as(cart + " answers the state it had").isEqualTo(views.get(cart));
                    sources.computeIfAbsent(cart, k -> new ArrayList<>()).add(Source.of(answer));
                }
                rounds++;
            }
            stopper.join();
            long stale = sources.values().stream().flatMap(List::stream).filter(s -> s == Source.STANDBY).count();
            System.out.printf("standby failover: %d rounds over %d keys, %d stale answers, %d failures%n",
                    rounds, CARTS.size(), stale, failures.size());
            assertThat(failures).as("keys unanswerable while the owner went away").isEmpty();
            for (String cart : CARTS) {
                List<Source> seen = sources.get(cart);
                int forwarded = (int) seen.stream().takeWhile(source -> source == Source.OWNER).count();
                List<Source> afterTheOwner = seen.subList(forwarded, seen.size());
                assertThat(afterTheOwner).as(cart + ": never forwarded once the owner's HTTP is gone")
                        .doesNotContain(Source.OWNER).endsWith(Source.LOCAL);
                if (firstsKeys.contains(cart)) {
                    // The owner while its HTTP is up; then, before this instance answers as the new owner, the
                    // standby copy here, marked stale.
                    assertThat(afterTheOwner).as(cart + ": " + seen).first().isEqualTo(Source.STANDBY);
                } else {
                    // Owned here all along: read locally, marked stale only while a rebalance briefly hides the
                    // active copy.
                    assertThat(seen).as(cart + " owned here").doesNotContain(Source.OWNER);
                }
            }
        }
    }

    /** Where an answer of the surviving instance came from, told by the router's headers. */
    private enum Source {
        /** Forwarded to the (stopping) owner. */
        OWNER,
        /** Read from the local standby copy, marked stale. */
        STANDBY,
        /** Read from the local active copy. */
        LOCAL;

        static Source of(ShopFixture.Response answer) {
            if (answer.header(QueryRouter.SERVED_BY_HEADER) != null) {
                return OWNER;
            }
            return "true".equals(answer.header(QueryRouter.STALE_HEADER)) ? STANDBY : LOCAL;
        }
    }
}
