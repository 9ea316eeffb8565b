package io.shopstreams.service.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.shopstreams.events.JsonCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * JSON serde for state-store values (our own records), with the same mapper as the messages. Store values are
 * written only by our code, so a failure here is a bug and surfaces as a {@link SerializationException}.
 */
public final class JsonStoreSerde<T> implements Serde<T> {
    private final Class<T> type;

    public JsonStoreSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return JsonCodec.mapper().writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write " + type.getSimpleName(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JsonCodec.mapper().readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName(), e);
            }
        };
    }
}
