package io.shopstreams.shopctl.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.Topics;
import io.shopstreams.kafka.embedded.BootstrapServers;
import io.shopstreams.kafka.embedded.WithKafka;
import io.shopstreams.service.stream.DeadLetters;
import io.shopstreams.shopctl.Cli;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@code dlq replay} runs started at the same moment over the same dead letters, round after round: the fixed
 * transactional id must let exactly one of them publish each dead letter, and the other must say it was fenced or
 * found them re-published. Without the fencing both runs scan an empty history and both publish.
 */
@WithKafka
class ConcurrentReplayIT {
    private static final int ROUNDS = 4;
    private static final int LETTERS_PER_ROUND = 25;
    private static final Pattern REPUBLISHED = Pattern.compile("^re-published dead-letters-(\\d+@\\d+) ",
            Pattern.MULTILINE);
    private static final Pattern SKIPPED = Pattern.compile("^skipped dead-letters-(\\d+@\\d+) ", Pattern.MULTILINE);

    private String bootstrap;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void applyTopics(@BootstrapServers String bootstrap) {
        this.bootstrap = bootstrap;
        Cli.Result applied = Cli.run("topics", "apply", "--bootstrap-servers", bootstrap);
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
    }

    @Test
    void twoConcurrentRunsRepublishEachDeadLetterExactlyOnce() throws Exception {
        Set<String> mine = new TreeSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> fresh = writeDeadLetters(round);
            mine.addAll(fresh);
            List<Cli.Result> results = concurrently("dlq", "replay", "--code", ErrorCode.PROCESSING_ERROR.name(),
                    "--bootstrap-servers", bootstrap);

            Map<String, Integer> published = new HashMap<>();
            for (Cli.Result result : results) {
                tags(REPUBLISHED, result.out()).stream().filter(fresh::contains)
                        .forEach(tag -> published.merge(tag, 1, Integer::sum));
            }
            String both = "round " + round + ":\n" + results.get(0) + "\n" + results.get(1);
            assertThat(published.keySet()).as(both).containsExactlyInAnyOrderElementsOf(fresh);
            assertThat(published.values()).as(both).containsOnly(1);
            // The loser is fenced, or (a Kafka 4 coordinator racing the fencing) told its commit's outcome is
            // unknown; either way each dead letter is re-published once, as checked above.
            assertThat(results).as(both).anySatisfy(result -> assertThat(result.err().contains(
                    "another dlq replay started meanwhile: this run re-published nothing")
                    || result.err().contains("whether Kafka applied it is not known: run dlq replay again")
                    || tags(SKIPPED, result.out()).containsAll(fresh)).isTrue());
        }
        assertThat(republishedCounts()).as("re-published records per dead letter on %s", Topics.CART_COMMANDS.name())
                .containsOnlyKeys(mine).allSatisfy((tag, count) -> assertThat(count).as(tag).isEqualTo(1));
    }

    /** Writes dead letters as a service would; returns their {@code P@O} tags. */
    private List<String> writeDeadLetters(int round) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        List<String> tags = new ArrayList<>();
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < LETTERS_PER_ROUND; i++) {
                String cart = "cart-" + run + "-" + round + "-" + i;
                byte[] value = ("{\"type\":\"ClearCart\",\"commandId\":\"c-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
                var source = new DeadLetters.Source(Topics.CART_COMMANDS.name(), 0, i, System.currentTimeMillis());
                var headers = DeadLetters.headers(source, ErrorCode.PROCESSING_ERROR, "a bug", "cart-stream");
                RecordMetadata at = producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, null,
                        cart.getBytes(StandardCharsets.UTF_8), value, headers)).get(30, TimeUnit.SECONDS);
                tags.add(at.partition() + "@" + at.offset());
            }
        }
        return tags;
    }

    /** Runs the command twice, on two threads released at the same moment. */
    private static List<Cli.Result> concurrently(String... args) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Cli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other run did not start", e);
                }
                return Cli.run(args);
            }));
        }
        List<Cli.Result> results = new ArrayList<>();
        for (CompletableFuture<Cli.Result> run : runs) {
            results.add(run.get(120, TimeUnit.SECONDS));
        }
        return results;
    }

    private static List<String> tags(Pattern pattern, String out) {
        List<String> tags = new ArrayList<>();
        Matcher matcher = pattern.matcher(out);
        while (matcher.find()) {
            tags.add(matcher.group(1));
        }
        return tags;
    }

    /** How many committed records of cart-commands carry each of this test's tags, counted from the topic. */
    private Map<String, Integer> republishedCounts() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> counts = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CART_COMMANDS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header tag = record.headers().lastHeader(RepublishPlan.REPUBLISHED_FROM);
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (tag != null && key.startsWith("cart-" + run + "-")) {
                        counts.merge(new String(tag.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }
}
