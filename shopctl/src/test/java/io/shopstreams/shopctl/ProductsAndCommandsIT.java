package io.shopstreams.shopctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.BootstrapServers;
import io.shopstreams.kafka.embedded.WithKafka;
import io.shopstreams.service.stream.DeadLetters;
import io.shopstreams.shopctl.cli.ExitCodes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producing with shopctl and reading back with {@code shopctl tail}, on the JVM-wide embedded broker. */
@WithKafka
class ProductsAndCommandsIT {
    private static final String TAIL_SILENCE_MS = "3000";
    /** No tail in this class runs longer: one that does not stop by itself fails the test instead of hanging it. */
    private static final Duration TAIL_BOUND = Duration.ofSeconds(30);

    private String bootstrap;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void applyTopics(@BootstrapServers String bootstrap) {
        this.bootstrap = bootstrap;
        Cli.Result applied = Cli.run("topics", "apply", "--bootstrap-servers", bootstrap);
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
    }

    private Cli.Result shopctl(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = bootstrap;
        return Cli.run(all);
    }

    /** {@code shopctl tail ARGS}, interrupted and failed after {@link #TAIL_BOUND}. */
    private Cli.Result tail(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "tail";
        System.arraycopy(args, 0, command, 1, args.length);
        return assertTimeoutPreemptively(TAIL_BOUND, () -> shopctl(command),
                () -> "shopctl " + String.join(" ", command) + " did not stop within " + TAIL_BOUND.toSeconds() + " s");
    }

    private Cli.Result tailFromBeginning(String topic) {
        Cli.Result tail = tail(topic, "--from-beginning", "--timeout-ms", TAIL_SILENCE_MS);
        assertThat(tail.exitCode()).as(tail.toString()).isZero();
        return tail;
    }

    private Path catalogOf(Path dir, String sku) throws IOException {
        return Files.writeString(dir.resolve("catalog.json"),
                "[{\"sku\":\"" + sku + "\",\"name\":\"Kettle\",\"priceCents\":4900,\"currency\":\"EUR\",\"active\":true}]");
    }

    @Test
    void productsLoadedFromAFileShowInTail(@TempDir Path dir) throws IOException {
        String tea = "tea-" + run;
        String mug = "mug-" + run;
        Path file = Files.writeString(dir.resolve("catalog.jsonl"),
                "{\"sku\":\"" + tea + "\",\"name\":\"Tea\",\"priceCents\":450,\"currency\":\"EUR\",\"active\":true}\n"
                        + "{\"active\":false,\"currency\":\"EUR\",\"priceCents\":1299,\"name\":\"Mug\",\"sku\":\"" + mug + "\"}\n");

        Cli.Result loaded = shopctl("products", "load", file.toString());

        assertThat(loaded.exitCode()).as(loaded.toString()).isZero();
        assertThat(loaded.out()).contains("loaded 2 product(s)");
        assertThat(tailFromBeginning(Topics.PRODUCTS.name()).outLines())
                .anySatisfy(line -> assertThat(line).matches("\\d+@\\d+ " + tea + " \\{\"sku\":\"" + tea
                        + "\",\"name\":\"Tea\",\"priceCents\":450,\"currency\":\"EUR\",\"active\":true}"))
                .anySatisfy(line -> assertThat(line).endsWith(" " + mug + " {\"sku\":\"" + mug
                        + "\",\"name\":\"Mug\",\"priceCents\":1299,\"currency\":\"EUR\",\"active\":false}"));
    }

    @Test
    void tailStopsAfterMaxRecords(@TempDir Path dir) throws IOException {
        // Two records at least, so that only --max can stop it at one (no --timeout-ms: it would stop it too).
        assertThat(shopctl("products", "load", catalogOf(dir, "kettle-max-" + run).toString()).exitCode()).isZero();
        assertThat(shopctl("products", "deactivate", "kettle-max-" + run).exitCode()).isZero();

        Cli.Result tail = tail(Topics.PRODUCTS.name(), "--from-beginning", "--max", "1");

        assertThat(tail.exitCode()).as(tail.toString()).isZero();
        assertThat(tail.outLines()).hasSize(1);
    }

    @Test
    void deactivateRepublishesTheProductInactive(@TempDir Path dir) throws IOException {
        String sku = "kettle-" + run;
        assertThat(shopctl("products", "load", catalogOf(dir, sku).toString()).exitCode()).isZero();

        Cli.Result deactivated = shopctl("products", "deactivate", sku);

        assertThat(deactivated.exitCode()).as(deactivated.toString()).isZero();
        assertThat(deactivated.out()).isEqualTo(sku + " deactivated" + System.lineSeparator());
        assertThat(tailFromBeginning(Topics.PRODUCTS.name()).out())
                .contains("{\"sku\":\"" + sku + "\",\"name\":\"Kettle\",\"priceCents\":4900,\"currency\":\"EUR\",\"active\":false}");
        assertThat(shopctl("products", "deactivate", sku).out()).contains("already inactive");
        Cli.Result unknown = shopctl("products", "deactivate", "nothing-" + run);
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.errLines()).singleElement().asString().contains("no product nothing-" + run);
    }

    @Test
    void cartAddPrintsTheCommandIdThatTailShowsOnCartCommands() {
        String cart = "cart-" + run;

        Cli.Result added = shopctl("cart", "add", cart, "espresso-beans-1kg", "--qty", "2", "--verbose");

        assertThat(added.exitCode()).as(added.toString()).isZero();
        String[] printed = added.out().strip().split(" ");
        String commandId = printed[0];
        String where = printed[1];
        assertThat(where).matches("cart-commands-\\d+@\\d+");
        String partitionAtOffset = where.substring("cart-commands-".length());
        assertThat(tailFromBeginning(Topics.CART_COMMANDS.name()).outLines()).contains(partitionAtOffset + " " + cart
                + " {\"type\":\"AddItem\",\"commandId\":\"" + commandId
                + "\",\"sku\":\"espresso-beans-1kg\",\"quantity\":2}");
    }

    @Test
    void everyCartAndOrderCommandIsProducedKeyedByItsAggregate() {
        String cart = "cart-all-" + run;
        String order = "order-all-" + run;
        String[][] commands = {
                {"cart", "remove", cart, "ceramic-mug", "--command-id", "rm-" + run},
                {"cart", "set-qty", cart, "ceramic-mug", "3", "--command-id", "qty-" + run},
                {"cart", "clear", cart, "--command-id", "clear-" + run},
                {"cart", "checkout", cart, "--customer", "alice", "--command-id", "co-" + run},
                {"order", "pay", order, "--amount", "6279", "--ref", "pay ref 1", "--command-id", "pay-" + run},
                {"order", "ship", order, "--carrier", "DHL", "--tracking", "JD0001", "--command-id", "ship-" + run},
                {"order", "deliver", order, "--command-id", "del-" + run},
                {"order", "cancel", order, "--reason", "changed my mind", "--command-id", "cancel-" + run}};
        for (String[] command : commands) {
            Cli.Result result = shopctl(command);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out().strip()).isEqualTo(command[command.length - 1]);
        }

        assertThat(tailFromBeginning(Topics.CART_COMMANDS.name()).out()).contains(
                cart + " {\"type\":\"RemoveItem\",\"commandId\":\"rm-" + run + "\",\"sku\":\"ceramic-mug\"}",
                cart + " {\"type\":\"ChangeQuantity\",\"commandId\":\"qty-" + run + "\",\"sku\":\"ceramic-mug\",\"quantity\":3}",
                cart + " {\"type\":\"ClearCart\",\"commandId\":\"clear-" + run + "\"}",
                cart + " {\"type\":\"Checkout\",\"commandId\":\"co-" + run + "\",\"customerId\":\"alice\"}");
        assertThat(tailFromBeginning(Topics.ORDER_COMMANDS.name()).out()).contains(
                order + " {\"type\":\"PayOrder\",\"commandId\":\"pay-" + run + "\",\"amountCents\":6279,\"paymentRef\":\"pay ref 1\"}",
                order + " {\"type\":\"ShipOrder\",\"commandId\":\"ship-" + run + "\",\"carrier\":\"DHL\",\"trackingId\":\"JD0001\"}",
                order + " {\"type\":\"DeliverOrder\",\"commandId\":\"del-" + run + "\"}",
                order + " {\"type\":\"CancelOrder\",\"commandId\":\"cancel-" + run + "\",\"reason\":\"changed my mind\"}");
    }

    @Test
    void tailWithoutFromBeginningShowsOnlyNewRecords() throws InterruptedException {
        String old = "cart-old-" + run;
        String fresh = "cart-new-" + run;
        assertThat(shopctl("cart", "clear", old).exitCode()).isZero();

        Cli.Background tail = new Cli.Background("tail", Topics.CART_COMMANDS.name(), "--max", "1",
                "--bootstrap-servers", bootstrap);
        int exitCode;
        try {
            // The tail starts at the end it finds once running: send new records until it printed one and stopped.
            await("tail printing a record sent after it started").atMost(TAIL_BOUND)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        assertThat(shopctl("cart", "clear", fresh).exitCode()).isZero();
                        return !tail.isAlive();
                    });
        } finally {
            exitCode = tail.stop(5_000);
        }

        assertThat(exitCode).as(tail.err()).isZero();
        assertThat(tail.out()).doesNotContain(old);
        assertThat(Arrays.asList(tail.out().split("\\R"))).singleElement().asString()
                .matches("\\d+@\\d+ " + fresh + " \\{\"type\":\"ClearCart\",\"commandId\":\"[-0-9a-f]{36}\"}");
    }

    @Test
    void tailShowsADeadLetterWithItsErrorHeaders() {
        String key = "cart-dl-" + run;
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, key.getBytes(StandardCharsets.UTF_8),
                    "not json".getBytes(StandardCharsets.UTF_8), DeadLetters.headers(
                            new DeadLetters.Source(Topics.CART_COMMANDS.name(), 4, 12, 0L), ErrorCode.NOT_JSON,
                            "the value is not JSON", "cart-stream")));
        }

        assertThat(tailFromBeginning(Topics.DEAD_LETTERS.name()).outLines()).anySatisfy(line -> assertThat(line)
                .endsWith(" " + key + " not json | code=NOT_JSON source=cart-commands-4@12 service=cart-stream"
                        + " message=\"the value is not JSON\""));
    }
}
