package io.shopstreams.systemtests;

import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.replay.EventLogReader;
import io.shopstreams.topics.ApplyOptions;
import io.shopstreams.topics.TopicApplier;
import io.shopstreams.topics.TopicDeclarations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/contract.md, section 4: a dependency that goes away makes the instance not ready, with the reason, and
 * it recovers by itself when the dependency returns, without committing past a record it has not handled.
 * Topic auto-creation is off, as in production: a deleted topic stays deleted until it is recreated.
 */
// Beside the other classes (its broker, its waits), its own tests one after another.
@Execution(ExecutionMode.CONCURRENT)
class DependencyLossIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> builder
            .brokerProperty("auto.create.topics.enable", "false"));

    /** How long a topic stays away; shorter than a real outage to keep CI fast. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("dependency.outage.seconds", 15));
    /**
     * How long every broker stays down: longer than any client timeout the services set (the producer's 30 s
     * delivery timeout is the longest).
     */
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(Long.getLong("broker.outage.seconds", 40));

    private static final Map<String, String> FAST = Map.of("STALL_TIMEOUT_MS", "3000", "STALL_EXIT_MS", "0",
            // A send to a missing topic blocks the stream thread this long before it is retried.
            "KAFKA_MAX_BLOCK_MS", "5000");

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aDeletedDeadLetterTopicStopsProcessingUntilItIsRecreatedThenEveryRecordIsHandledOnce() throws Exception {
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers());
             Admin admin = Admin.create(shop.clientConfig())) {
            shop.product("sku-mug", "Mug", 1250, true);
            ServiceRuntime cart = shop.startCart("a", FAST);
            ShopFixture.awaitRunning(cart);
            awaitReady(shop, cart, true);

            admin.deleteTopics(List.of(Topics.DEAD_LETTERS.name())).all().get();
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get()
                    .contains(Topics.DEAD_LETTERS.name()));
            RecordMetadata bad = shop.send(Topics.CART_COMMANDS.name(), "cart-bad", "this is not JSON");
            shop.send(Topics.CART_COMMANDS.name(), "cart-good",
                    "{\"type\":\"AddItem\",\"commandId\":\"add-1\",\"sku\":\"sku-mug\",\"quantity\":1}");

            awaitReady(shop, cart, false);
            // While the topic stays missing, the replaced threads fail again and again: never ready meanwhile.
            ShopFixture.Response notReady = staysNotReady(shop, cart, OUTAGE);
            System.out.printf("dead-letters deleted: /ready %d %s%n", notReady.status(), notReady.body());
            assertThat(notReady.json().path("reason").asText()).contains("missing topics: [dead-letters]");
            assertThat(shop.get(cart, "/metrics").body()).contains("shop_ready 0.0");
            // cart-good may be decided meanwhile, on its own partition, if a transaction took it without cart-bad.
            assertThat(committedOffset(admin, cart, bad)).as("nothing committed past the record that could not be "
                    + "dead-lettered").isLessThanOrEqualTo(bad.offset());
            assertThat(committedValues(shop, Topics.CART_EVENTS.name(), "cart-good")).as("decided at most once")
                    .hasSizeLessThanOrEqualTo(1);

            try (Admin recreate = Admin.create(shop.clientConfig())) {
                new TopicApplier(recreate).apply(TopicDeclarations.load("dev"), ApplyOptions.defaults());
            }
            awaitReady(shop, cart, true);
            assertThat(shop.get(cart, "/carts/cart-good?minVersion=1&timeoutMs=30000").json().path("version").asLong())
                    .isEqualTo(1);

            // Its task may still be backing off from the failures while the other one decided cart-good.
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60))
                    .until(() -> !committedValues(shop, Topics.DEAD_LETTERS.name(), "cart-bad").isEmpty());
            assertThat(committedValues(shop, Topics.DEAD_LETTERS.name(), "cart-bad"))
                    .as("the malformed command, dead-lettered once").containsExactly("this is not JSON");
            List<String> events = committedValues(shop, Topics.CART_EVENTS.name(), "cart-good");
            assertThat(events).as("the valid command, decided once: " + events).hasSize(1);
            assertThat(events.get(0)).contains("\"add-1\"");
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aCatalogTopicMissingAtStartIsWaitedForAndOneDeletedUnderARunningInstanceIsReportedThenRestartedFrom() throws Exception {
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers());
             Admin admin = Admin.create(shop.clientConfig())) {
            admin.deleteTopics(List.of(Topics.PRODUCTS.name())).all().get();
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get()
                    .contains(Topics.PRODUCTS.name()));
            ServiceRuntime cart = shop.startCart("c", FAST);
            shop.send(Topics.CART_COMMANDS.name(), "cart-early",
                    "{\"type\":\"AddItem\",\"commandId\":\"add-1\",\"sku\":\"sku-mug\",\"quantity\":1}");

            ShopFixture.Response notReady = staysNotReady(shop, cart, OUTAGE);
            System.out.printf("products missing: /ready %d %s%n", notReady.status(), notReady.body());
            assertThat(notReady.json().path("reason").asText()).contains("missing topics: [products]");
            assertThat(committedValues(shop, Topics.CART_EVENTS.name(), "cart-early"))
                    .as("no decision against an empty catalog").isEmpty();

            try (Admin recreate = Admin.create(shop.clientConfig())) {
                new TopicApplier(recreate).apply(TopicDeclarations.load("dev"), ApplyOptions.defaults());
            }
            shop.product("sku-mug", "Mug", 1250, true);
            awaitReady(shop, cart, true);
            assertThat(shop.get(cart, "/carts/cart-early?minVersion=1&timeoutMs=30000").json().path("version").asLong())
                    .isEqualTo(1);
            // The store answers before the transaction that wrote the event commits.
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30))
                    .until(() -> !committedValues(shop, Topics.CART_EVENTS.name(), "cart-early").isEmpty());
            List<String> events = committedValues(shop, Topics.CART_EVENTS.name(), "cart-early");
            assertThat(events).as("decided once, against the catalog: " + events).hasSize(1);
            assertThat(events.get(0)).contains("\"ItemAdded\"").contains("\"sku-mug\"");

            admin.deleteTopics(List.of(Topics.PRODUCTS.name())).all().get();
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get()
                    .contains(Topics.PRODUCTS.name()));
            shop.send(Topics.CART_COMMANDS.name(), "cart-late",
                    "{\"type\":\"AddItem\",\"commandId\":\"add-2\",\"sku\":\"sku-mug\",\"quantity\":2}");
            ShopFixture.Response deleted = awaitReady(shop, cart, false);
            System.out.printf("products deleted: /ready %d %s%n", deleted.status(), deleted.body());
            assertThat(deleted.json().path("reason").asText()).contains("missing topics: [products]");
            assertThat(shop.get(cart, "/carts/cart-late?minVersion=1&timeoutMs=30000").json().path("items")
                    .path(0).path("quantity").asInt()).as("decided against the catalog it has").isEqualTo(2);

            try (Admin recreate = Admin.create(shop.clientConfig())) {
                new TopicApplier(recreate).apply(TopicDeclarations.load("dev"), ApplyOptions.defaults());
            }
            shop.product("sku-mug", "Mug", 1300, true);
            // Kafka Streams cannot tell the new topic from the old one: its global thread dies (its position lies
            // past the new topic's end) or goes on from its old position (skipping the new 1300). The topic's id
            // tells, and only a new process with its local state discarded reads the new catalog.
            // Whichever comes first, the watch names the recreated topic within its 5 s look at the topics.
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> shop.get(cart, "/health")
                    .body().contains("catalog topics deleted and created again under the running instance: [products]"));
            ShopFixture.Response down = shop.get(cart, "/health");
            System.out.printf("products recreated: /health %d %s%n", down.status(), down.body());
            assertThat(down.status()).isEqualTo(503);
            assertThat(shop.get(cart, "/ready").json().path("ready").asBoolean()).isFalse();

            shop.stop(cart);
            ServiceRuntime restarted = shop.startCart("c", FAST);
            awaitReady(shop, restarted, true);
            shop.send(Topics.CART_COMMANDS.name(), "cart-after",
                    "{\"type\":\"AddItem\",\"commandId\":\"add-3\",\"sku\":\"sku-mug\",\"quantity\":1}");
            assertThat(shop.get(restarted, "/carts/cart-after?minVersion=1&timeoutMs=30000").json().path("totalCents")
                    .asLong()).as("priced from the recreated catalog").isEqualTo(1300);
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void allBrokersDownMakeTheInstanceNotReadyAndItComesBackByItself() throws Exception {
        try (ShopFixture shop = new ShopFixture(KAFKA.bootstrapServers())) {
            shop.product("sku-mug", "Mug", 1250, true);
            ServiceRuntime cart = shop.startCart("b", FAST);
            ShopFixture.awaitRunning(cart);
            awaitReady(shop, cart, true);

            KAFKA.cluster().stopNode(0);
            ShopFixture.Response notReady = awaitReady(shop, cart, false);
            long down = System.nanoTime();
            await().dontCatchUncaughtExceptions().atMost(BROKER_OUTAGE.plusSeconds(10))
                    .until(() -> System.nanoTime() - down > BROKER_OUTAGE.toNanos());
            System.out.printf("brokers down: /ready %d %s%n", notReady.status(), notReady.body());
            assertThat(shop.get(cart, "/ready").status()).isEqualTo(503);
            KAFKA.cluster().restartNode(0);

            awaitReady(shop, cart, true);
            shop.send(Topics.CART_COMMANDS.name(), "cart-after",
                    "{\"type\":\"AddItem\",\"commandId\":\"add-1\",\"sku\":\"sku-mug\",\"quantity\":1}");
            // Right after the outage a replaced thread may still rebalance: 503 + Retry-After, then the cart.
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() ->
                    shop.get(cart, "/carts/cart-after?minVersion=1&timeoutMs=5000").status() == 200);
        }
    }

    /**
     * Waits (bounded) until {@code /ready} says {@code ready}; returns that answer. Awaitility must not fail on
     * uncaught exceptions here: a stream thread that Kafka Streams already replaced can still throw one while
     * it shuts down (its last commit fails on the missing topic), and the replacement goes on regardless.
     */
    static ShopFixture.Response awaitReady(ShopFixture shop, ServiceRuntime instance, boolean ready) {
        ShopFixture.Response[] last = new ShopFixture.Response[1];
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
            last[0] = shop.get(instance, "/ready");
            return last[0].status() == (ready ? 200 : 503) && last[0].json().path("ready").asBoolean() == ready;
        });
        return last[0];
    }

    /** Asserts that {@code /ready} answers 503 all along {@code outage}; returns its last answer. */
    static ShopFixture.Response staysNotReady(ShopFixture shop, ServiceRuntime instance, Duration outage)
            throws InterruptedException {
        long until = System.nanoTime() + outage.toNanos();
        ShopFixture.Response notReady = shop.get(instance, "/ready");
        while (System.nanoTime() < until) {
            notReady = shop.get(instance, "/ready");
            assertThat(notReady.status()).as(notReady.body()).isEqualTo(503);
            Thread.sleep(200);
        }
        return notReady;
    }

    /** The committed values of {@code key} in {@code topic}, in log order (read as the rebuild reads). */
    /** The next offset the instance's group will read from {@code record}'s partition; -1 before any commit. */
    static long committedOffset(Admin admin, ServiceRuntime instance, RecordMetadata record) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(instance.settings().applicationId())
                .partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(record.topic(), record.partition()));
        return committed == null ? -1 : committed.offset();
    }

    static List<String> committedValues(ShopFixture shop, String topic, String key) {
        List<String> values = new ArrayList<>();
        new EventLogReader(shop.clientConfig()).readAll(List.of(topic), record -> {
            if (key.equals(record.key())) {
                values.add(new String(record.value(), StandardCharsets.UTF_8));
            }
        }, (read, total) -> { });
        return values;
    }
}
