package io.shopstreams.service.stream;

import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
}
