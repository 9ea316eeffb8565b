package io.shopstreams.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The Kafka Streams baselines the benchmark runs in their own processes, on the cart service's input, with the
 * same exactly-once settings: {@code count}, Kafka Streams' own stateful count; {@code skeleton}, our topology's
 * shape without our code (source, a store get and put with a changelog, sink; byte arrays, no JSON, no rules).
 * Arguments: {@code <count|skeleton> <bootstrap> <application.id> <input> <output> <state dir>}.
 */
public final class BaselineApps {
    private static final String STORE = "skeleton-store";

    private BaselineApps() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 6) {
            System.err.println("usage: BaselineApps <count|skeleton> <bootstrap> <application.id> <input> <output> <state dir>");
            System.exit(2);
        }
        Topology topology = switch (args[0]) {
            case "count" -> count(args[3], args[4]);
            case "skeleton" -> skeleton(args[3], args[4]);
            default -> throw new IllegalArgumentException("no baseline " + args[0]);
        };
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[5]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            streams.start();
            stopped.await();
        }
    }

    static Topology count(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.Bytes(), Serdes.Bytes()))
                .groupByKey()
                .count(Materialized.with(Serdes.Bytes(), Serdes.Long()))
                .toStream()
                .to(output, Produced.with(Serdes.Bytes(), Serdes.Long()));
        return builder.build();
    }

    static Topology skeleton(String input, String output) {
        Topology topology = new Topology();
        topology.addSource("source", Serdes.Bytes().deserializer(), Serdes.Bytes().deserializer(), input);
        topology.addProcessor("get-put", GetPut::new, "source");
        // No cache, as in our topology: a write goes to the changelog before its event is forwarded.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(),
                Serdes.Bytes()).withCachingDisabled(), "get-put");
        topology.addSink("sink", output, Serdes.Bytes().serializer(), Serdes.Bytes().serializer(), "get-put");
        return topology;
    }

    /** Reads the key's state, writes the record as its new state, forwards it. */
    static final class GetPut implements Processor<Bytes, Bytes, Bytes, Bytes> {
        private ProcessorContext<Bytes, Bytes> context;
        private KeyValueStore<Bytes, Bytes> store;

        @Override
        public void init(ProcessorContext<Bytes, Bytes> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<Bytes, Bytes> record) {
            store.get(record.key());
            store.put(record.key(), record.value());
            context.forward(record);
        }
    }
}
