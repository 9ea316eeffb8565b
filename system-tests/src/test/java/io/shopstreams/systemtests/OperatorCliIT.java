package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.cart.stream.CartStores;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.replay.EventLogReader;
import io.shopstreams.service.stream.DeadLetters;
import io.shopstreams.service.tracing.Tracing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator commands of {@code shopctl} against running services after a realistic session: {@code audit},
 * {@code dlq list}, {@code dlq replay}, {@code replay --until}, and the full {@code replay} of a stopped service
 * that must give the state digest from before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCliIT {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static ShopFixture shop;
    private static Shopctl shopctl;
    private static ServiceRuntime cart;
    private static ServiceRuntime order;
    private static Session session;

    @BeforeAll
    static void playASession() {
        shop = new ShopFixture(KAFKA.bootstrapServers());
        shopctl = new Shopctl(KAFKA.bootstrapServers());
        shop.product("sku-mug", "Mug", 1250, true);
        shop.product("sku-tea", "Green tea", 890, true);
        cart = shop.startCart("a", Map.of());
        order = shop.startOrder("a", Map.of());
        ShopFixture.awaitRunning(cart, order);
        session = new Session(shop, cart, order);
        session.play();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    @Order(1)
    void theAuditOfASessionIsClean() {
        Shopctl.Result audit = awaitAudit(0);

        assertThat(audit.outLines().get(0)).startsWith("audited ").contains("cart-commands ", "dead-letters 2");
        assertThat(audit.out()).contains("checkouts 3", "orders placed 2", "orders rejected 1", "reopenings 1",
                "audit: no violation");
        assertThat(audit.errLines()).isEmpty();
    }

    @Test
    @Order(2)
    void dlqListShowsTheDeadLettersOfMalformedCommandsDecoded() {
        Shopctl.Result list = shopctl.run("dlq", "list");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.outLines()).hasSize(3);
        assertThat(list.outLines().get(0)).matches("dead-letters-\\d+@\\d+ \\S+Z NOT_JSON from cart-commands-\\d+@\\d+"
                + " by cart-stream key=cart-s3 message=\".+\" value=\"not json\"");
        assertThat(list.outLines().get(1)).contains(" UNKNOWN_TYPE from cart-commands-", " key=cart-s3 ",
                "value=\"{\\\"type\\\":\\\"Teleport\\\",\\\"commandId\\\":\\\"x\\\"}\"");
        assertThat(list.outLines().get(2)).isEqualTo("2 dead letter(s)");

        assertThat(shopctl.run("dlq", "list", "--code", "UNKNOWN_TYPE").outLines()).hasSize(2)
                .last().isEqualTo("1 dead letter(s) with code UNKNOWN_TYPE");
        assertThat(shopctl.run("dlq", "list", "--max", "1").outLines()).hasSize(2)
                .last().isEqualTo("1 dead letter(s) shown of 2 (--max 1)");
        assertThat(shopctl.run("dlq", "list", "--since", Instant.now().plusSeconds(3600).toString()).out())
                .startsWith("0 dead letter(s) since ");
    }

    @Test
    @Order(3)
    void replayUntilWritesTheCartsAsTheyWereBetweenTwoCommands(@TempDir Path dir) throws IOException {
        // cart-s1's second ItemAdded (version 2) and its ItemQuantityChanged (version 3) are a second apart.
        List<ConsumerRecord<String, byte[]>> events = eventsOf("cart-s1");
        long between = (events.get(1).timestamp() + events.get(2).timestamp()) / 2;
        Path file = dir.resolve("carts.jsonl");

        Shopctl.Result replay = shopctl.run("replay", "cart", "--until", Instant.ofEpochMilli(between).toString(),
                "--output", file.toString());

        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out()).startsWith("1 cart-stream state(s) as of " + Instant.ofEpochMilli(between)
                + " written to " + file + " (2 of ");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        JsonNode line = JsonCodec.mapper().readTree(lines.get(0));
        assertThat(line.get("id").asText()).isEqualTo("cart-s1");
        JsonNode cartState = line.get("state").get("cart");
        assertThat(cartState.get("version").asLong()).isEqualTo(2);
        assertThat(cartState.get("status").asText()).isEqualTo("OPEN");
        assertThat(cartState.get("items").toString()).isEqualTo("[{\"sku\":\"sku-mug\",\"name\":\"Mug\","
                + "\"unitPriceCents\":1250,\"quantity\":2},{\"sku\":\"sku-tea\",\"name\":\"Green tea\","
                + "\"unitPriceCents\":890,\"quantity\":1}]");
        assertThat(line.get("state").get("order").isNull()).isTrue();

        Shopctl.Result orders = shopctl.run("replay", "order", "--until", Long.toString(between), "--output", "-");
        assertThat(orders.exitCode()).as(orders.toString()).isZero();
        assertThat(orders.out()).isEmpty();
        assertThat(orders.err()).contains("0 order-stream state(s) as of ", " written to stdout");
    }

    @Test
    @Order(4)
    void aFullReplayIsRefusedWhileTheServiceRuns() {
        Shopctl.Result replay = shopctl.run("replay", "cart", "--group-wait-seconds", "1");

        assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(1);
        assertThat(replay.out()).isEmpty();
        assertThat(replay.errLines()).containsExactly(
                "waiting up to 1 s for the 1 live member(s) of group cart-stream to leave",
                "shopctl replay: cart-stream still has 1 live member(s) after 1 s: stop every instance of the service"
                        + " first");
    }

    @Test
    @Order(5)
    void dlqReplayRepublishesADeadLetterOnceAndNeverItsRepeatedFailure() {
        // Key cart-k, body cart-other: dead-lettered as KEY_MISMATCH, and again once re-published as it was.
        ProducerRecord<String, byte[]> command = new ProducerRecord<>(Topics.CART_COMMANDS.name(), "cart-k",
                "{\"type\":\"ClearCart\",\"commandId\":\"k-1\",\"cartId\":\"cart-other\"}"
                        .getBytes(StandardCharsets.UTF_8));
        command.headers().add(Tracing.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        shop.send(command);
        awaitDeadLetters(ErrorCode.KEY_MISMATCH, 1);

        Shopctl.Result dryRun = shopctl.run("dlq", "replay", "--code", "KEY_MISMATCH", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.outLines()).hasSize(2);
        assertThat(dryRun.outLines().get(0)).matches("would re-publish (dead-letters-\\d+@\\d+) \\(KEY_MISMATCH, from "
                + "cart-commands-\\d+@\\d+\\) to cart-commands");
        assertThat(dryRun.outLines().get(1)).isEqualTo("dry run, nothing re-published: 1 would be, 0 skipped"
                + " (re-published before), 0 refused");

        Shopctl.Result first = shopctl.run("dlq", "replay", "--code", "KEY_MISMATCH");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.outLines().get(0)).matches("re-published dead-letters-\\d+@\\d+ \\(KEY_MISMATCH, from "
                + "cart-commands-\\d+@\\d+\\) to cart-commands-\\d+@\\d+");
        assertThat(first.outLines().get(1)).isEqualTo("re-published 1, 0 skipped (re-published before), 0 refused");
        List<String> republishedTraces = new ArrayList<>();
        new EventLogReader(shop.clientConfig()).readAll(List.of(Topics.CART_COMMANDS.name()), record -> {
            if (record.headers().lastHeader("shop.replay.of") != null) {
                republishedTraces.add(new String(record.headers().lastHeader(Tracing.TRACEPARENT).value(),
                        StandardCharsets.UTF_8));
            }
        }, (read, total) -> { });
        assertThat(republishedTraces).as("the re-published command continues the failed one's trace")
                .containsExactly(TRACEPARENT);
        List<String> letters = awaitDeadLetters(ErrorCode.KEY_MISMATCH, 2);

        Shopctl.Result second = shopctl.run("dlq", "replay", "--code", "KEY_MISMATCH");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.outLines()).hasSize(3);
        assertThat(second.outLines().get(0)).startsWith("skipped " + letters.get(0) + " ")
                .contains(": re-published before, as cart-commands-");
        assertThat(second.outLines().get(1)).startsWith("skipped " + letters.get(1) + " ")
                .contains("the same key and value were re-published before", "(from " + letters.get(0) + ")",
                        "and failed again");
        assertThat(second.outLines().get(2)).isEqualTo("nothing re-published: 2 skipped (re-published before),"
                + " 0 refused");

        String[] position = letters.get(0).substring("dead-letters-".length()).split("@");
        Shopctl.Result byOffset = shopctl.run("dlq", "replay", "--offset", position[1], "--partition", position[0]);
        assertThat(byOffset.exitCode()).as(byOffset.toString()).isZero();
        assertThat(byOffset.out()).contains("nothing re-published: 1 skipped");
    }

    @Test
    @Order(6)
    void dlqReplayRefusesADeadLetterOfTheCatalog() throws Exception {
        Headers headers = DeadLetters.headers(new DeadLetters.Source(Topics.PRODUCTS.name(), 0, 7, 0L),
                ErrorCode.NOT_JSON, "the value is not JSON", "cart-stream");
        RecordMetadata at = produce(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, null,
                "sku-x".getBytes(StandardCharsets.UTF_8), "{oops".getBytes(StandardCharsets.UTF_8), headers));

        Shopctl.Result replay = shopctl.run("dlq", "replay", "--offset", Long.toString(at.offset()),
                "--partition", Integer.toString(at.partition()));

        assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(1);
        assertThat(replay.outLines()).containsExactly("refused dead-letters-" + at.partition() + "@" + at.offset()
                        + " (NOT_JSON, from products-0@7): products is the catalog, not a command topic: correct the"
                        + " product with shopctl products load",
                "nothing re-published: 0 skipped (re-published before), 1 refused");
        assertThat(replay.errLines()).containsExactly("shopctl dlq replay: 1 dead letter(s) refused (see above)");

        Shopctl.Result nowhere = shopctl.run("dlq", "replay", "--offset", "999999");
        assertThat(nowhere.exitCode()).isEqualTo(1);
        assertThat(nowhere.errLines()).containsExactly(
                "shopctl dlq replay: no dead letter at offset 999999 of any partition of dead-letters");
    }

    @Test
    @Order(7)
    void afterTheServicesStoppedAFullReplayRebuildsTheSameState() {
        JsonNode cartDigest = session.settledDigest(cart);
        JsonNode orderDigest = session.settledDigest(order);
        shop.stop(cart);
        shop.stop(order);

        Shopctl.Result carts = shopctl.run("replay", "cart");
        assertThat(carts.exitCode()).as(carts.toString()).isZero();
        assertThat(carts.outLines().get(0)).matches("rebuilt cart-stream from \\d+ events in \\d+\\.\\d s: \\d+ store"
                + " entries, new rebuild epoch 1");
        assertThat(carts.outLines()).anyMatch(line -> line.matches("  took: folding \\d+\\.\\d s, wiping the"
                + " changelogs \\d+\\.\\d s, writing them \\d+\\.\\d s"));
        assertThat(carts.outLines()).contains("  " + CartStores.CARTS + ": 3 entries",
                "instances of cart-stream discard local state from before epoch 1 when they start");
        assertThat(carts.err()).contains("folding cart-events, order-events", "wiping 3 changelog topics");
        Shopctl.Result orders = shopctl.run("replay", "order");
        assertThat(orders.exitCode()).as(orders.toString()).isZero();

        cart = shop.startCart("a", Map.of());
        order = shop.startOrder("a", Map.of());
        for (ServiceRuntime service : List.of(cart, order)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> shop.get(service, "/ready").status() == 200);
        }
        assertThat(shop.get(cart, "/admin/digest").json()).isEqualTo(cartDigest);
        assertThat(shop.get(order, "/admin/digest").json()).isEqualTo(orderDigest);
    }

    @Test
    @Order(8)
    void theAuditFlagsAnEventWrittenTwice() throws Exception {
        awaitAudit(0);
        ConsumerRecord<String, byte[]> added = eventsOf("cart-s3").get(0);
        produce(new ProducerRecord<>(Topics.CART_EVENTS.name(), added.key().getBytes(StandardCharsets.UTF_8),
                added.value()));

        Shopctl.Result audit = shopctl.run("audit");

        assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(1);
        String eventId = JsonCodec.CART_EVENTS.decode(added.value()).eventId();
        assertThat(audit.outLines()).anySatisfy(line -> assertThat(line).startsWith("violation: cart-events-")
                .contains("eventId " + eventId + " of cart cart-s3 appears twice (first at cart-events-"
                        + added.partition() + "@" + added.offset() + ")"));
        assertThat(audit.outLines()).last().isEqualTo("audit: 1 violation(s)");
        assertThat(audit.errLines()).containsExactly("shopctl audit: 1 violation(s) (listed above)");
    }

    /** Runs {@code audit} until it exits with {@code exitCode} (outcomes may still be on their way). */
    private static Shopctl.Result awaitAudit(int exitCode) {
        AtomicReference<Shopctl.Result> audit = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            audit.set(shopctl.run("audit"));
            assertThat(audit.get().exitCode()).as(audit.get().toString()).isEqualTo(exitCode);
        });
        return audit.get();
    }

    /** Waits until {@code dlq list --code} shows {@code count} dead letters; returns their ids, oldest first. */
    private static List<String> awaitDeadLetters(ErrorCode code, int count) {
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Shopctl.Result list = shopctl.run("dlq", "list", "--code", code.name());
            assertThat(list.outLines()).as(list.toString()).hasSize(count + 1);
            ids.clear();
            list.outLines().subList(0, count).forEach(line -> ids.add(line.substring(0, line.indexOf(' '))));
        });
        return ids;
    }

    /** The cart's events in log order. */
    private static List<ConsumerRecord<String, byte[]>> eventsOf(String cartId) {
        List<ConsumerRecord<String, byte[]>> events = new ArrayList<>();
        new EventLogReader(shop.clientConfig()).readAll(List.of(Topics.CART_EVENTS.name()), record -> {
            if (cartId.equals(record.key()) && !(JsonCodec.CART_EVENTS.decode(record.value())
                    instanceof CartEvent.CommandRejected)) {
                events.add(record);
            }
        }, (read, total) -> { });
        return events;
    }

    private static RecordMetadata produce(ProducerRecord<byte[], byte[]> record)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(shop.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(record).get();
        }
    }
}
