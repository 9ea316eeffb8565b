package io.shopstreams.events;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Objects;

/**
 * One of the project's topics: its name together with the serdes of its keys and values, so that no caller pairs
 * a name with serdes by hand. The serdes are stateless and safe to share between threads and clients.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /**
     * The same topic read as raw bytes: for a reader that must keep a record it cannot decode (a command that
     * becomes a dead letter with its original bytes).
     */
    public Topic<byte[], byte[]> asBytes() {
        return new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray());
    }

    /** The same topic with its values read or written as {@code valueSerde} says, e.g. raw bytes under a typed key. */
    public <W> Topic<K, W> withValueSerde(Serde<W> valueSerde) {
        return new Topic<>(name, keySerde, valueSerde);
    }

    @Override
    public String toString() {
        return name;
    }
}
