package io.shopstreams.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} over a {@link JsonCodec}. A null record value stays null both ways (Kafka's tombstone);
 * any other value that is not a valid message fails deserialization with an {@link InvalidMessageException}.
 */
public final class JsonSerde<T> implements Serde<T> {
    private final JsonCodec<T> codec;

    public JsonSerde(JsonCodec<T> codec) {
        this.codec = codec;
    }

    public JsonCodec<T> codec() {
        return codec;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, message) -> message == null ? null : codec.encode(message);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }
}
