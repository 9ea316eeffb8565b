package io.shopstreams.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events write their own JSON (see {@link WritesOwnFields}); the golden samples hold the bytes
 * ({@code GoldenSamplesTest}), this the shape: a component added to a record and not to its writer fails here.
 */
class WritesOwnFieldsTest {

    static Stream<MessageType> events() {
        return MessageType.stream().filter(type -> type.hierarchy() == MessageType.Hierarchy.CART_EVENTS
                || type.hierarchy() == MessageType.Hierarchy.ORDER_EVENTS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void writes_type_then_every_component_in_declaration_order(MessageType type) throws IOException {
        Object event = type.codec().decode(Samples.message(type.sample()));
        JsonNode written = JsonCodec.mapper().readTree(encode(type.codec(), event));

        List<String> expected = new ArrayList<>(List.of("type"));
        Arrays.stream(type.type().getRecordComponents()).map(c -> c.getName()).forEach(expected::add);
        List<String> names = new ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);

        assertThat(event).isInstanceOf(WritesOwnFields.class);
        assertThat(names).as("%s: every component of the sample is set, so every one is written", type)
                .isEqualTo(expected);
        assertThat(written.get("type").asText()).isEqualTo(type.name());
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(JsonCodec<T> codec, Object event) {
        return codec.encode((T) event);
    }
}
