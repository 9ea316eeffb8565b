package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The golden samples under {@code src/main/resources/samples}: documentation the build holds to the codec. */
class GoldenSamplesTest {

    @Nested
    class Coverage {

        @Test
        void every_message_type_has_exactly_one_sample_and_nothing_else_is_there() throws IOException {
            List<Path> expected = MessageType.stream().map(MessageType::sample).toList();
            try (Stream<Path> files = Files.walk(MessageType.SAMPLES)) {
                assertThat(files.filter(Files::isRegularFile)).containsExactlyInAnyOrderElementsOf(expected);
            }
        }

        @Test
        void there_are_5_cart_commands_7_cart_events_4_order_commands_7_order_events_and_the_product() {
            assertThat(MessageType.Hierarchy.CART_COMMANDS.types()).hasSize(5);
            assertThat(MessageType.Hierarchy.CART_EVENTS.types()).hasSize(7);
            assertThat(MessageType.Hierarchy.ORDER_COMMANDS.types()).hasSize(4);
            assertThat(MessageType.Hierarchy.ORDER_EVENTS.types()).hasSize(7);
            assertThat(MessageType.Hierarchy.PRODUCTS.types())
                    .extracting(MessageType::type).containsExactly(Product.class);
        }

        /** A record added to a sealed interface but not to its {@code @JsonSubTypes} could be written, never read. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.GoldenSamplesTest#polymorphicRoots")
        void every_permitted_subtype_is_registered_for_json(Class<?> root) {
            List<Class<?>> registered = Arrays.stream(root.getAnnotation(JsonSubTypes.class).value())
                    .<Class<?>>map(JsonSubTypes.Type::value).toList();
            assertThat(registered).containsExactlyInAnyOrder(root.getPermittedSubclasses());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.MessageType#all")
        void the_type_name_on_the_wire_is_the_record_name(MessageType type) {
            assertThat(type.name()).isEqualTo(type.type().getSimpleName());
        }
    }

    @Nested
    class Each_sample {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.MessageType#all")
        void decodes_to_the_record_of_its_type(MessageType type) {
            Object decoded = type.codec().decode(Samples.message(type.sample()));

            assertThat(decoded).isExactlyInstanceOf(type.type());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.MessageType#all")
        void is_byte_for_byte_what_the_codec_encodes(MessageType type) {
            byte[] sample = Samples.message(type.sample());

            assertThat(reencode(type.codec(), sample)).as("%s re-encoded", type.sample()).isEqualTo(sample);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.MessageType#all")
        void is_one_line_of_json_ending_in_a_newline(MessageType type) {
            String content = new String(Samples.read(type.sample()), StandardCharsets.UTF_8);

            assertThat(content).endsWith("}\n").doesNotContain("\r");
            assertThat(content.lines()).hasSize(1);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.MessageType#all")
        void has_its_type_first_except_the_product_which_has_none(MessageType type) {
            String json = Samples.text(type);

            if (type.type() == Product.class) {
                assertThat(Samples.tree(type).has("type")).isFalse();
            } else {
                assertThat(json).startsWith("{\"type\":\"" + type.name() + "\",");
            }
        }
    }

    static Stream<Class<?>> polymorphicRoots() {
        return Stream.of(CartCommand.class, CartEvent.class, OrderCommand.class, OrderEvent.class);
    }

    private static <T> byte[] reencode(JsonCodec<T> codec, byte[] bytes) {
        return codec.encode(codec.decode(bytes));
    }
}
