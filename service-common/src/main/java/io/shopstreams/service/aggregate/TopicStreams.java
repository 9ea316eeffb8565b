package io.shopstreams.service.aggregate;

import io.shopstreams.events.Topic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/** A {@link Topic}'s serdes in the shapes the Streams DSL takes, each node named (see the style guide). */
public final class TopicStreams {
    private TopicStreams() {
    }

    public static <K, V> Consumed<K, V> consumed(Topic<K, V> topic, String sourceName) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(sourceName);
    }

    public static <K, V> Produced<K, V> produced(Topic<K, V> topic, String sinkName) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(sinkName);
    }

    /** A repartition (Kafka Streams prefixes the application id) carrying {@code topic}'s records as they are. */
    public static <K, V> Repartitioned<K, V> repartitioned(Topic<K, V> topic, String name, int partitions) {
        return Repartitioned.<K, V>as(name).withKeySerde(topic.keySerde()).withValueSerde(topic.valueSerde())
                .withNumberOfPartitions(partitions);
    }
}
