package io.shopstreams.systemtests;

import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.KafkaBrokerExtension;
import io.shopstreams.service.ServiceRuntime;
import io.shopstreams.service.stream.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of malformed command records interleaved with as many valid ones, on one cart-stream instance under
 * exactly-once: every valid command gets exactly one outcome event, every malformed record exactly one dead
 * letter with its code and its original bytes, the stream thread is never replaced and processing never stalls.
 * Verified from the topics alone (read_committed). Prints the throughput of the flood; the README's figure is of
 * the default size ({@code -Dpoison.flood.records=10000}: that many valid and that many malformed).
 */
class PoisonFloodIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass(builder -> { });

    private static final int RECORDS = Integer.getInteger("poison.flood.records", 10_000);
    private static final int CARTS = 1_000;
    private static final Duration BOUND = Duration.ofSeconds(100);
    /** The bar for a stall: ten seconds with input waiting and nothing committed. */
    private static final Duration MAX_GAP = Duration.ofSeconds(10);

    private static ShopFixture shop;
    private static ServiceRuntime cart;

    @BeforeAll
    static void startCartStream() {
        shop = new ShopFixture(KAFKA.bootstrapServers());
        shop.product("sku-mug", "Mug", 1299, true);
        cart = shop.startCart("a", Map.of());
        ShopFixture.awaitRunning(cart);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void everyValidCommandIsDecidedOnceAndEveryMalformedRecordDeadLetteredOnceWithoutARestartOrAStall() {
        Set<String> threadsBefore = streamThreads();
        List<Poison> flood = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            flood.add(valid(i));
            flood.add(malformed(i));
        }
        Collections.shuffle(flood, new Random(42));
        Map<String, ErrorCode> expectedLetters = flood.stream().filter(p -> p.code() != null)
                .collect(Collectors.toMap(Poison::fingerprint, Poison::code));

        long started = System.nanoTime();
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> produce(flood));
        Tally tally = consumeUntil(RECORDS, RECORDS, started);
        sent.join();

        double seconds = (tally.lastArrival - started) / 1e9;
        System.out.printf("poison flood: %,d records (%,d valid, %,d malformed) decided or dead-lettered in %.1f s:"
                + " %,.0f records/s; longest gap between committed outputs %d ms%n", 2 * RECORDS, RECORDS, RECORDS,
                seconds, 2 * RECORDS / seconds, tally.longestGapNanos / 1_000_000);
        assertThat(tally.outcomes).as("outcome events per valid commandId").hasSize(RECORDS)
                .allSatisfy((commandId, count) -> assertThat(count).as(commandId).isEqualTo(1));
        assertThat(tally.letters.keySet()).as("dead letters, by original key and value")
                .containsExactlyInAnyOrderElementsOf(expectedLetters.keySet());
        tally.letters.forEach((fingerprint, codes) -> assertThat(codes).as("codes of the dead letter of " + fingerprint)
                .containsExactly(expectedLetters.get(fingerprint).name()));
        assertThat(Duration.ofNanos(tally.longestGapNanos)).as("longest time without a committed output")
                .isLessThan(MAX_GAP);
        assertThat(cart.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(streamThreads()).as("stream threads (a replaced one has a new name)").isEqualTo(threadsBefore);
        assertThat(failedStreamThreads()).as("Kafka Streams' failed-stream-threads").isZero();
    }

    /** One record of the flood; {@code code} is the dead-letter code it must get, null for a valid command. */
    private record Poison(byte[] key, byte[] value, ErrorCode code) {
        String fingerprint() {
            return (key == null ? "<null>" : new String(key, StandardCharsets.UTF_8)) + " | "
                    + new String(value, StandardCharsets.UTF_8);
        }
    }

    /** Over {@link #CARTS} carts, five steps that each decide to exactly one event, accepted or rejected. */
    private static Poison valid(int i) {
        String commandId = "\"commandId\":\"v-" + i + "\"";
        String json = switch ((i / CARTS) % 5) {
            case 0, 2 -> "{\"type\":\"AddItem\"," + commandId + ",\"sku\":\"sku-mug\",\"quantity\":1}";
            case 1 -> "{\"type\":\"ChangeQuantity\"," + commandId + ",\"sku\":\"sku-mug\",\"quantity\":3}";
            case 3 -> "{\"type\":\"RemoveItem\"," + commandId + ",\"sku\":\"sku-mug\"}";
            default -> "{\"type\":\"ClearCart\"," + commandId + "}";
        };
        return new Poison(utf8("flood-" + (i % CARTS)), utf8(json), null);
    }

    /** Each kind of bad record of docs/contract.md, section 3.8, in turn; every one distinct from all others. */
    private static Poison malformed(int i) {
        byte[] key = utf8("poison-" + i);
        String id = "\"commandId\":\"p-" + i + "\"";
        if (i % 50 == 49) {
            String pad = "x".repeat(JsonCodec.MAX_PAYLOAD_BYTES);
            return new Poison(key, utf8("{\"type\":\"ClearCart\"," + id + ",\"pad\":\"" + pad + "\"}"),
                    ErrorCode.PAYLOAD_TOO_LARGE);
        }
        return switch (i % 11) {
            case 0 -> new Poison(key, utf8("not json " + i), ErrorCode.NOT_JSON);
            case 1 -> new Poison(key, utf8("{\"type\":\"Teleport\"," + id + "}"), ErrorCode.UNKNOWN_TYPE);
            case 2 -> new Poison(utf8("bad key " + i), utf8("{\"type\":\"ClearCart\"," + id + "}"), ErrorCode.INVALID_KEY);
            case 3 -> new Poison(key, utf8("{\"type\":\"ClearCart\"," + id + ",\"cartId\":\"other-" + i + "\"}"),
                    ErrorCode.KEY_MISMATCH);
            case 4 -> new Poison(key, utf8("{\"type\":\"AddItem\"," + id + ",\"sku\":\"sku-mug\",\"quantity\":\"2\"}"),
                    ErrorCode.WRONG_FIELD_TYPE);
            case 5 -> new Poison(null, utf8("{\"type\":\"ClearCart\"," + id + "}"), ErrorCode.MISSING_KEY);
            case 6 -> new Poison(key, new byte[0], ErrorCode.EMPTY_VALUE);
            case 7 -> new Poison(key, utf8("[" + i + "]"), ErrorCode.NOT_AN_OBJECT);
            case 8 -> new Poison(key, utf8("{\"type\":\"AddItem\"," + id + ",\"sku\":\"sku-mug\"}"), ErrorCode.MISSING_FIELD);
            case 9 -> new Poison(key, utf8("{\"type\":\"ClearCart\",\"commandId\":\"p/" + i + "\"}"), ErrorCode.INVALID_ID);
            default -> new Poison(key, utf8("{" + id + "}"), ErrorCode.MISSING_TYPE);
        };
    }

    private static void produce(List<Poison> flood) {
        Map<String, Object> props = new HashMap<>(shop.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Poison poison : flood) {
                producer.send(new ProducerRecord<>(Topics.CART_COMMANDS.name(), poison.key(), poison.value()),
                        (metadata, failure) -> failed.compareAndSet(null, failure));
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("cannot produce the flood", failed.get());
        }
    }

    /** What the service committed: outcome events per valid commandId, dead-letter codes per original record. */
    private static final class Tally {
        final Map<String, Integer> outcomes = new HashMap<>();
        final Map<String, List<String>> letters = new HashMap<>();
        long lastArrival;
        long longestGapNanos;

        void add(ConsumerRecord<byte[], byte[]> record) {
            if (record.topic().equals(Topics.DEAD_LETTERS.name())) {
                assertThat(DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC))
                        .isEqualTo(Topics.CART_COMMANDS.name());
                String fingerprint = new Poison(record.key(), record.value(), null).fingerprint();
                letters.computeIfAbsent(fingerprint, f -> new ArrayList<>())
                        .add(DeadLetters.header(record.headers(), DeadLetters.ERROR_CODE));
            } else {
                String commandId = commandIdOf(record.value());
                if (commandId.startsWith("v-")) {
                    outcomes.merge(commandId, 1, Integer::sum);
                }
            }
        }

        int committed() {
            return outcomes.size() + letters.size();
        }
    }

    /**
     * Reads cart-events and dead-letters (read_committed) until every expected output is there, then on to the
     * end offsets of that moment, so that a duplicate committed with the last ones would be seen too.
     */
    private static Tally consumeUntil(int outcomes, int letters, long started) {
        Tally tally = new Tally();
        Map<String, Object> props = new HashMap<>(shop.clientConfig());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = Stream.of(Topics.CART_EVENTS.name(), Topics.DEAD_LETTERS.name())
                    .flatMap(topic -> consumer.partitionsFor(topic).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = started + BOUND.toNanos();
            long previous = started;
            while (tally.outcomes.size() < outcomes || tally.letters.size() < letters) {
                assertThat(System.nanoTime()).as("all %,d outputs within %s; got %,d outcomes and %,d dead letters",
                        outcomes + letters, BOUND, tally.outcomes.size(), tally.letters.size()).isLessThan(deadline);
                int before = tally.committed();
                consumer.poll(Duration.ofMillis(200)).forEach(tally::add);
                if (tally.committed() > before) {
                    long now = System.nanoTime();
                    tally.longestGapNanos = Math.max(tally.longestGapNanos, now - previous);
                    tally.lastArrival = now;
                    previous = now;
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(tally::add);
            }
        }
        return tally;
    }

    private static String commandIdOf(byte[] event) {
        try {
            return JsonCodec.mapper().readTree(event).get("commandId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cart-events holds a record that is not JSON", e);
        }
    }

    private static Set<String> streamThreads() {
        return cart.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toSet());
    }

    private static double failedStreamThreads() {
        return cart.streams().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("failed-stream-threads"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
