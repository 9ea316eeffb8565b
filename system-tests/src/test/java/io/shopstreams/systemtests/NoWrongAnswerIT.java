package io.shopstreams.systemtests;

import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/contract.md, section 4: a 404 means the key does not exist. While commands flow, the instances'
 * transactional producers are fenced (as a broker failover does: every task closed dirty, its exactly-once
 * state wiped and restored) and one instance of two is stopped and started again (rebalances, standbys
 * promoted and recycled); meanwhile every cart that exists is read over and over from both instances: each
 * answer is 200 with the cart, or 503 with Retry-After.
 */
class NoWrongAnswerIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final List<String> CARTS = IntStream.range(0, 60).mapToObj(i -> "cart-" + i).toList();

    @Test
    void noExistingCartIsEverAnswered404DuringRebalances() throws InterruptedException {
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers())) {
            shop.product("sku-mug", "Mug", 1250, true);
            List<ServiceRuntime> pair = shop.startTwoCartsWithStandbys();
            ServiceRuntime first = pair.get(0);
            ServiceRuntime second = pair.get(1);
            shop.addOneMugToEach(CARTS, second);

            Map<String, ServiceRuntime> up = new ConcurrentHashMap<>(Map.of("a", first, "b", second));
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    for (String cart : CARTS) {
                        for (ServiceRuntime instance : up.values()) {
                            read(shop, instance, cart, statuses, wrong);
                        }
                    }
                }
            }, "reader");
            reader.start();
            Thread writer = new Thread(() -> {
                for (int i = 0; reading.get(); i++) {
                    shop.send(Topics.CART_COMMANDS.name(), CARTS.get(i % CARTS.size()), "{\"type\":\"AddItem\","
                            + "\"commandId\":\"more-" + i + "\",\"sku\":\"sku-mug\",\"quantity\":1}");
                }
            }, "writer");
            writer.start();
            for (int round = 0; round < 3; round++) {
                fenceAllProducers(shop);
                ShopFixture.awaitRunning(first, second);
            }
            for (int round = 0; round < 2; round++) {
                up.remove("a");
                shop.stop(first);
                ShopFixture.awaitRunning(second);
                first = shop.startCart("a", ShopFixture.ONE_STANDBY);
                ShopFixture.awaitRunning(first, second);
                up.put("a", first);
            }
            reading.set(false);
            reader.join(Duration.ofSeconds(80).toMillis());
            writer.join(Duration.ofSeconds(10).toMillis());
            System.out.printf("no-wrong-answer: answers by status %s%n", statuses);
            assertThat(wrong).as("answers that were neither the cart nor 503 + Retry-After").isEmpty();
            assertThat(statuses.getOrDefault(200, 0)).as("carts answered").isGreaterThan(CARTS.size() * 4);
        }
    }

    /** Fences every transactional producer of the cart service: its tasks are closed dirty and restored. */
    private static void fenceAllProducers(ShopFixture shop) throws InterruptedException {
        try (Admin admin = Admin.create(shop.clientConfig())) {
            List<String> ids = admin.listTransactions().all().get().stream()
                    .map(TransactionListing::transactionalId).filter(id -> id.startsWith("cart-stream")).toList();
            assertThat(ids).as("transactional producers of the cart instances").isNotEmpty();
            admin.fenceProducers(ids).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot fence the producers", e);
        }
        Thread.sleep(3000); // let the fenced threads fail, rejoin and restore while the reader reads
    }

    private static void read(ShopFixture shop, ServiceRuntime instance, String cart, Map<Integer, Integer> statuses,
                             Queue<String> wrong) {
        ShopFixture.Response answer;
        try {
            answer = shop.get(instance, "/carts/" + cart);
        } catch (RuntimeException e) {
            return; // the instance is being stopped: its port is closed, which is no answer at all
        }
        statuses.merge(answer.status(), 1, Integer::sum);
        boolean ok = answer.status() == 200 && answer.json().path("cartId").asText().equals(cart)
                || answer.status() == 503 && "1".equals(answer.header("Retry-After"));
        if (!ok) {
            wrong.add(cart + " " + answer.status() + " " + answer.body());
        }
    }
}
