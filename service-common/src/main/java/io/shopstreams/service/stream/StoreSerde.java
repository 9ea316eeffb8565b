package io.shopstreams.service.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.shopstreams.events.JsonCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * The serde of state-store values (our own records) and so of their changelogs, which are no public contract:
 * Smile, Jackson's binary form of JSON, which the profile showed cheaper to write and read than JSON text, with
 * the same data model. Values written as JSON text by an earlier version (they start with '{'; Smile data starts
 * with its ":)" header) are still read. Store values are written only by our code, so a failure here is a bug
 * and surfaces as a {@link SerializationException}.
 */
public final class StoreSerde<T> implements Serde<T> {
    private static final ObjectMapper SMILE = SmileMapper.builder()
            .addModule(new JavaTimeModule())
            // A newer version's additive fields must not break an older reader, as for the messages.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Instants as decimal epoch seconds: half the cost of ISO-8601 text to read (an order's placedAt was 10 % of
            // order-stream's stream thread), and, unlike epoch milliseconds, read right by a version that wrote text.
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .enable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .build();

    private final Class<T> type;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final ObjectReader jsonReader;

    public StoreSerde(Class<T> type) {
        this.type = type;
        this.writer = SMILE.writerFor(type);
        this.reader = SMILE.readerFor(type);
        this.jsonReader = JsonCodec.mapper().readerFor(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
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
                return bytes.length > 0 && bytes[0] == '{' ? jsonReader.readValue(bytes) : reader.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName(), e);
            }
        };
    }
}
