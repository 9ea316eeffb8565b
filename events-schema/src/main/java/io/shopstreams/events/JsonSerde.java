package io.shopstreams.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} over a {@link JsonCodec}. Where tombstones are allowed (the compacted catalog), a null
 * record value stays null both ways; elsewhere a null value is bad input like any other. A value that is not
 * a valid message fails deserialization with an {@link InvalidMessageException}.
 */
public final class JsonSerde<T> implements Serde<T> {
    private final JsonCodec<T> codec;
    private final boolean tombstones;

    /** A serde for which a null value is an {@link ErrorCode#EMPTY_VALUE} error. */
    public JsonSerde(JsonCodec<T> codec) {
        this(codec, false);
    }

    public JsonSerde(JsonCodec<T> codec, boolean tombstones) {
        this.codec = codec;
        this.tombstones = tombstones;
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
        return (topic, bytes) -> bytes == null && tombstones ? null : codec.decode(bytes);
    }
}
