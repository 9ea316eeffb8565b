package io.shopstreams.service.replay;

import io.shopstreams.service.replay.StateRebuilder.RebuildException;
import io.shopstreams.service.stream.KeyPartitioner;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The changelog records of a rebuild against Kafka's own classes: the partition the Java producer's built-in
 * partitioner picks ({@link BuiltInPartitioner}, internal, used here as the oracle), over many keys.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChangelogWriterTest {
    private static final String APP = "cart-stream";
    private static final String CARTS = "cart-store";
    private static final String OUTCOMES = "cart-outcome-store";
    private static final int PARTITIONS = 6;

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ChangelogWriter writer = new ChangelogWriter(APP, Map.of(
            ChangelogWriter.changelogTopic(APP, CARTS), PARTITIONS,
            ChangelogWriter.changelogTopic(APP, OUTCOMES), PARTITIONS), producer);

    @Nested
    class A_partition {

        @Test
        void is_the_one_the_producer_s_built_in_partitioner_picks_for_the_same_key() {
            for (String key : keys(10_000)) {
                for (int partitions : new int[]{1, 2, 3, 6, 7, 12, 50}) {
                    assertThat(KeyPartitioner.partitionOf(key, partitions)).as("%s of %d", key, partitions)
                            .isEqualTo(BuiltInPartitioner.partitionForKey(utf8(key), partitions));
                }
            }
        }

        @Test
        void spreads_keys_over_every_partition() {
            assertThat(keys(1_000).stream().map(key -> KeyPartitioner.partitionOf(key, PARTITIONS)).distinct())
                    .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        }
    }

    @Nested
    class A_key_value_entry {

        @Test
        void goes_to_the_store_s_changelog_with_its_utf8_key_on_the_partition_of_its_partition_key() {
            writer.keyValue(CARTS, "cart-1", "cart-1|order-1", utf8("{}"), 42L);

            assertThat(producer.history()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo("cart-stream-cart-store-changelog");
                assertThat(record.partition()).isEqualTo(BuiltInPartitioner.partitionForKey(utf8("cart-1"), 6));
                assertThat(record.key()).isEqualTo(Serdes.String().serializer().serialize(null, "cart-1|order-1"));
                assertThat(record.value()).isEqualTo(utf8("{}"));
                assertThat(record.timestamp()).isEqualTo(42L);
            });
        }
    }

    @Nested
    class Finishing {

        @Test
        void counts_the_entries_written_to_each_store() {
            writer.keyValue(CARTS, "a", "a", utf8("1"), 0L);
            writer.keyValue(OUTCOMES, "a", "a|c1", utf8("2"), 5L);
            writer.keyValue(CARTS, "b", "b", utf8("3"), 0L);

            assertThat(writer.finish()).containsExactly(Map.entry(CARTS, 2L), Map.entry(OUTCOMES, 1L));
            assertThat(producer.flushed()).isTrue();
        }

        @Test
        void after_a_failed_write_names_its_changelog_once_every_write_is_flushed() {
            MockProducer<byte[], byte[]> manual =
                    new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
            ChangelogWriter failing = new ChangelogWriter(APP, Map.of(ChangelogWriter.changelogTopic(APP, CARTS), 3),
                    manual);
            failing.keyValue(CARTS, "a", "a", utf8("1"), 0L);
            failing.keyValue(CARTS, "b", "b", utf8("2"), 0L);
            manual.errorNext(new IllegalStateException("not enough replicas"));

            assertThatThrownBy(failing::finish).isInstanceOf(RebuildException.class).hasMessage(
                    "cannot write cart-stream-cart-store-changelog: not enough replicas (run the rebuild again)");
            assertThat(manual.completeNext()).as("nothing left unflushed").isFalse();
        }

        @Test
        void closes_its_producer() {
            writer.close();

            assertThat(producer.closed()).isTrue();
        }
    }

    @Test
    void refuses_an_entry_of_a_store_whose_changelog_was_not_wiped() {
        assertThatThrownBy(() -> writer.keyValue("cart-order-store", "a", "a|o", utf8("1"), 0L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the fold wrote store cart-order-store that was not wiped");
        assertThat(producer.history()).isEmpty();
    }

    /** Ids as the services see them, and arbitrary Unicode strings of every length up to 40. */
    private static List<String> keys(int count) {
        Random random = new Random(9);
        List<String> keys = new ArrayList<>(List.of("", "cart-1", "order-1", "cart-1|c1", "ü€😀"));
        while (keys.size() < count) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(41);
            for (int i = 0; i < length; i++) {
                key.appendCodePoint(random.nextInt(4) == 0 ? 0x80 + random.nextInt(0xD800 - 0x80)
                        : 'a' + random.nextInt(26));
            }
            keys.add(keys.size() % 2 == 0 ? key.toString() : "cart-" + random.nextInt(1_000_000));
        }
        return keys;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
