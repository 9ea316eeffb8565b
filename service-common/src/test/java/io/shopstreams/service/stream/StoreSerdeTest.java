package io.shopstreams.service.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StoreSerdeTest {
    private final StoreSerde<CommandOutcome> serde = new StoreSerde<>(CommandOutcome.class);
    private final CommandOutcome outcome = new CommandOutcome("add-1", CommandOutcome.Status.REJECTED,
            "PRODUCT_UNKNOWN", "no product sku-x", 3);

    @Test
    void aValueIsWrittenAsSmileAndReadBackEqual() {
        byte[] bytes = serde.serializer().serialize("changelog", outcome);

        assertThat(new String(bytes, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo(":)\n");
        assertThat(bytes.length).isLessThan(JsonCodec.mapper().valueToTree(outcome).toString().length());
        assertThat(serde.deserializer().deserialize("changelog", bytes)).isEqualTo(outcome);
    }

    @Test
    void aValueAnEarlierVersionWroteAsJsonTextIsStillRead() throws Exception {
        byte[] json = JsonCodec.mapper().writeValueAsBytes(outcome);

        assertThat(serde.deserializer().deserialize("changelog", json)).isEqualTo(outcome);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serde.serializer().serialize("changelog", null)).isNull();
        assertThat(serde.deserializer().deserialize("changelog", null)).isNull();
    }

    record Stamped(String id, Instant at) {
    }

    /** The store serde of a version before instants were numbers: Smile, instants as ISO-8601 text. */
    private static final ObjectMapper EARLIER = SmileMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final StoreSerde<Stamped> stamped = new StoreSerde<>(Stamped.class);
    private final Stamped value = new Stamped("o-1", Instant.parse("2026-12-04T04:00:00.123456789Z"));

    @Test
    void anInstantIsWrittenAsANumberAndReadBackToTheNanosecond() throws Exception {
        byte[] bytes = stamped.serializer().serialize("changelog", value);

        assertThat(EARLIER.readTree(bytes).get("at").isNumber()).isTrue();
        assertThat(stamped.deserializer().deserialize("changelog", bytes)).isEqualTo(value);
    }

    @Test
    void anInstantAnEarlierVersionWroteAsTextIsStillRead() throws Exception {
        byte[] earlier = EARLIER.writerFor(Stamped.class).writeValueAsBytes(value);

        assertThat(EARLIER.readTree(earlier).get("at").isTextual()).isTrue();
        assertThat(stamped.deserializer().deserialize("changelog", earlier)).isEqualTo(value);
    }

    /** A rolling upgrade: an instance still on the earlier version restores a changelog the new one wrote. */
    @Test
    void anEarlierVersionReadsTheNumberAsTheSameInstant() throws Exception {
        byte[] bytes = stamped.serializer().serialize("changelog", value);

        assertThat(EARLIER.readerFor(Stamped.class).<Stamped>readValue(bytes)).isEqualTo(value);
    }
}
