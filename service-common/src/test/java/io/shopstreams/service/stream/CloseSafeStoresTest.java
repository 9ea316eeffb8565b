package io.shopstreams.service.stream;

import io.shopstreams.service.aggregate.AggregateStores;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Queries that meet the store's close, as interactive queries do while a task migrates. With Kafka Streams 4.4's
 * own persistent stores this test aborts the JVM in {@code rocksdb::DBImpl::GetImpl} within a few rounds.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CloseSafeStoresTest {
    private static final int ROUNDS = 40;
    private static final int KEYS = 50;

    record Value(String text) {
    }

    static final class Writer implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, Value> states;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            states = context.getStateStore("states");
        }

        @Override
        public void process(Record<String, String> record) {
            states.put(record.key(), new Value(record.value()));
        }
    }

    @TempDir
    Path stateDir;

    @Test
    void a_key_value_query_racing_the_close_answers_or_reports_the_store_closed() throws Exception {
        race(Map.of(), driver -> {
            ReadOnlyKeyValueStore<String, Value> view = driver.<String, Value>getKeyValueStore("states")
                    .readOnly(IsolationLevel.READ_COMMITTED);
            return i -> view.get("k" + i);
        });
    }

    /**
     * The uncommitted-bytes metric of a transactional store, as a metrics reporter reads it on its own thread: it
     * reads the open store, or 0 once closed (a metric must not fail), never the freed write batch.
     */
    @Test
    void the_uncommitted_bytes_metric_racing_the_close_reads_the_open_store_or_nothing() throws Exception {
        race(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true), driver -> {
            KeyValueStore<String, Value> store = driver.getKeyValueStore("states");
            return i -> {
                long bytes = store.approximateNumUncommittedBytes();
                if (!store.isOpen()) {
                    throw new InvalidStateStoreException("closed");
                }
                return bytes >= 0 ? new Value("v" + i) : null;
            };
        });
    }

    /**
     * A task revived after a failed commit closes its stores and opens them again; a view made before that (the
     * HTTP side holds one per partition) must fail with "closed", not read the database it was made with, which
     * the close freed.
     */
    @Test
    void a_view_made_before_the_store_was_opened_again_fails_instead_of_reading_the_closed_database() {
        KeyValueStore<Bytes, byte[]> store = CloseSafeStores.keyValue("states").get();
        StateStoreContext context = new MockProcessorContext<>(properties(0), new TaskId(0, 0), stateDir.toFile())
                .getStateStoreContext();
        Bytes key = Bytes.wrap("k".getBytes(StandardCharsets.UTF_8));
        store.init(context, store);
        store.put(key, "v".getBytes(StandardCharsets.UTF_8));
        ReadOnlyKeyValueStore<Bytes, byte[]> view = store.readOnly(IsolationLevel.READ_UNCOMMITTED);
        assertThat(view.get(key)).asString(StandardCharsets.UTF_8).isEqualTo("v");

        store.close();
        store.init(context, store);

        assertThatThrownBy(() -> view.get(key)).isInstanceOf(InvalidStateStoreException.class)
                .hasMessageContaining("opened again");
        assertThat(store.readOnly(IsolationLevel.READ_UNCOMMITTED).get(key)).asString(StandardCharsets.UTF_8)
                .isEqualTo("v");
        store.close();
    }

    /**
     * The position Kafka Streams asks of the store on every logged change is only read with the internal
     * consistency-vector setting on: with it, the store's own; without, an empty one (no copy per put).
     */
    @Test
    void the_position_is_the_stores_own_only_where_consistency_vectors_are_on() {
        Properties on = properties(0);
        on.put(StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, true);
        Properties off = properties(1);
        for (Properties settings : List.of(on, off)) {
            try (TopologyTestDriver driver = new TopologyTestDriver(topology(), settings)) {
                TestInputTopic<String, String> input = driver.createInputTopic("in", Serdes.String().serializer(),
                        Serdes.String().serializer());
                input.pipeInput("k0", "v0");
                input.pipeInput("k1", "v1");
                input.pipeInput("k2", "v2");

                Position position = driver.getKeyValueStore("states").getPosition();

                if (settings == on) {
                    assertThat(position.getTopics()).containsExactly("in");
                    assertThat(position.getPartitionPositions("in")).containsExactlyEntriesOf(Map.of(0, 2L));
                } else {
                    assertThat(position.isEmpty()).isTrue();
                }
            }
        }
    }

    private void race(Map<String, Object> settings, Function<TopologyTestDriver, IntFunction<Value>> query)
            throws Exception {
        List<String> wrong = new CopyOnWriteArrayList<>();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Properties properties = properties(round);
            properties.putAll(settings);
            TopologyTestDriver driver = new TopologyTestDriver(topology(), properties);
            TestInputTopic<String, String> input = driver.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.String().serializer());
            for (int i = 0; i < KEYS; i++) {
                input.pipeInput("k" + i, "v" + i);
            }
            IntFunction<Value> read = query.apply(driver);
            Thread reader = new Thread(() -> {
                for (int i = 0; ; i = (i + 1) % KEYS) {
                    try {
                        Value value = read.apply(i);
                        if (value == null || !value.text().equals("v" + i)) {
                            wrong.add("k" + i + " -> " + value);
                            return;
                        }
                    } catch (InvalidStateStoreException closed) {
                        return;
                    } catch (RuntimeException other) {
                        unexpected.add(other);
                        return;
                    }
                }
            });
            reader.start();
            Thread.sleep(1);
            driver.close();
            reader.join();
        }
        assertThat(unexpected).isEmpty();
        assertThat(wrong).isEmpty();
    }

    private static Topology topology() {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        topology.addProcessor("writer", Writer::new, "in");
        topology.addStateStore(AggregateStores.keyValue("states", Value.class), "writer");
        return topology;
    }

    private Properties properties(int round) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "close-race");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("round-" + round).toString());
        return properties;
    }
}
