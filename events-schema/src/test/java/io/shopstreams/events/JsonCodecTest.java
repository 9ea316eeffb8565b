package io.shopstreams.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** What the codec promises besides its error codes (those are in {@link JsonCodecErrorsTest}). */
class JsonCodecTest {
    private static final MessageType CHECKED_OUT = MessageType.of("cart-events", "CartCheckedOut");
    private static final MessageType CLEAR_CART = MessageType.of("cart-commands", "ClearCart");

    @Nested
    class Decoding {

        @Test
        void ignores_unknown_properties_so_that_a_newer_writer_does_not_break_an_older_reader() {
            ObjectNode newer = Samples.tree(CHECKED_OUT);
            newer.put("giftWrap", true);
            newer.putObject("shipping").put("method", "express").putArray("options").add(1);
            ((ObjectNode) newer.get("lines").get(0)).put("discountCents", 100);

            Object decoded = JsonCodec.CART_EVENTS.decode(newer.toString());

            assertThat(decoded).isEqualTo(JsonCodec.CART_EVENTS.decode(Samples.text(CHECKED_OUT)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.MessageType#all")
        void refuses_every_truncation_of_a_valid_message_with_an_invalid_message_exception(MessageType type) {
            byte[] sample = Samples.message(type.sample());

            for (int length = 0; length < sample.length; length++) {
                byte[] truncated = Arrays.copyOf(sample, length);
                assertThat(catchThrowable(() -> type.codec().decode(truncated)))
                        .as("decoding the first %d bytes of %s", length, type)
                        .isInstanceOf(InvalidMessageException.class);
            }
        }

        @Test
        void takes_a_null_optional_field_as_absent() {
            String withNull = Broken.replaced("cart-commands/ClearCart", "/cartId", "null");

            CartCommand command = JsonCodec.CART_COMMANDS.decode(withNull);

            assertThat(command.cartId()).isNull();
            assertThat(JsonCodec.CART_COMMANDS.encodeToString(command)).doesNotContain("cartId");
        }

        @Test
        void reads_a_timestamp_with_an_offset_as_the_same_instant_and_writes_it_back_in_utc() {
            String withOffset = Broken.replaced("cart-events/CartCleared", "/occurredAt",
                    "\"2026-11-26T13:02:45+01:00\"");

            CartEvent event = JsonCodec.CART_EVENTS.decode(withOffset);

            assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-26T12:02:45Z"));
            assertThat(JsonCodec.CART_EVENTS.encodeToString(event)).contains("\"occurredAt\":\"2026-11-26T12:02:45Z\"");
        }

        @Test
        void does_not_need_a_type_for_a_product_and_ignores_one() {
            String typed = Broken.replaced("products/Product", "/type", "\"Anything\"");

            Product untyped = JsonCodec.PRODUCTS.decode(Samples.text(MessageType.of("products", "Product")));

            assertThat(JsonCodec.PRODUCTS.decode(typed)).isEqualTo(untyped);
        }
    }

    @Nested
    class Encoding {

        @Test
        void writes_the_type_first_then_the_components_in_declaration_order_and_leaves_nulls_out() {
            CartCommand command = new CartCommand.AddItem("c-1", null, "sku-mug", 2);

            assertThat(JsonCodec.CART_COMMANDS.encodeToString(command))
                    .isEqualTo("{\"type\":\"AddItem\",\"commandId\":\"c-1\",\"sku\":\"sku-mug\",\"quantity\":2}");
        }

        @Test
        void writes_an_optional_field_once_it_is_set() {
            CartCommand command = JsonCodec.CART_COMMANDS.decode(Samples.text(CLEAR_CART)).withCartId("cart-43");

            assertThat(JsonCodec.CART_COMMANDS.encodeToString(command)).contains("\"cartId\":\"cart-43\"");
        }

        @Test
        void writes_utf_8() {
            Product product = new Product("sku-cafe", "Caf\u00e9 cr\u00e8me \u2615", 390, "EUR", true);

            byte[] bytes = JsonCodec.PRODUCTS.encode(product);

            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Caf\u00e9 cr\u00e8me \u2615");
            assertThat(JsonCodec.PRODUCTS.decode(bytes)).isEqualTo(product);
        }

        @Test
        void refuses_null_rather_than_writing_a_tombstone_by_accident() {
            assertThatThrownBy(() -> JsonCodec.PRODUCTS.encode(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Parsing_an_object_for_tools {

        @Test
        void returns_the_tree_of_a_message_to_edit() {
            ObjectNode tree = JsonCodec.parseObject(Samples.message(CLEAR_CART.sample()));

            assertThat(tree.get("type").asText()).isEqualTo("ClearCart");
        }

        @Test
        void refuses_what_decoding_refuses_before_looking_at_fields() {
            assertThat(codeOf(() -> JsonCodec.parseObject(new byte[0]))).isEqualTo(ErrorCode.EMPTY_VALUE);
            assertThat(codeOf(() -> JsonCodec.parseObject(null))).isEqualTo(ErrorCode.EMPTY_VALUE);
            assertThat(codeOf(() -> JsonCodec.parseObject("[1]".getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(ErrorCode.NOT_AN_OBJECT);
            assertThat(codeOf(() -> JsonCodec.parseObject("{".getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(ErrorCode.NOT_JSON);
            assertThat(codeOf(() -> JsonCodec.parseObject(new byte[JsonCodec.MAX_PAYLOAD_BYTES + 1])))
                    .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        }

        private ErrorCode codeOf(Runnable parse) {
            Throwable thrown = catchThrowable(parse::run);
            assertThat(thrown).isInstanceOf(InvalidMessageException.class);
            return ((InvalidMessageException) thrown).code();
        }
    }
}
