package io.shopstreams.service.stream;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderCommand;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@link CommandDecoder#decode}: the rules that split command records into commands and dead letters. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommandDecoderTest {
    private static final DeadLetters.Source SOURCE = new DeadLetters.Source("cart-commands", 3, 42L, 1_700_000_000_000L);
    private static final String ADD = "{\"type\":\"AddItem\",\"commandId\":\"c1\",\"sku\":\"sku-mug\",\"quantity\":2}";

    private final CommandDecoder<CartCommand> decoder =
            new CommandDecoder<>(JsonCodec.CART_COMMANDS, CartCommand::cartId, "cartId");

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class A_valid_record {

        @Test
        void is_the_command_with_the_aggregate_id_of_its_key() {
            Decoded<KeyedCommand<CartCommand>> decoded = decoder.decode(utf8("cart-1"), utf8(ADD), SOURCE);

            assertThat(decoded.isValid()).isTrue();
            assertThat(decoded.error()).isNull();
            assertThat(decoded.value()).isEqualTo(
                    new KeyedCommand<>("cart-1", new CartCommand.AddItem("c1", null, "sku-mug", 2)));
        }

        @Test
        void may_repeat_its_key_in_the_body() {
            Decoded<KeyedCommand<CartCommand>> decoded = decoder.decode(utf8("cart-1"),
                    utf8(ADD.replace("{", "{\"cartId\":\"cart-1\",")), SOURCE);

            assertThat(decoded.value().command().cartId()).isEqualTo("cart-1");
        }

        @Test
        void of_another_aggregate_type_decodes_the_same_way() {
            var orders = new CommandDecoder<>(JsonCodec.ORDER_COMMANDS, OrderCommand::orderId, "orderId");

            var decoded = orders.decode(utf8("order-1"), utf8("{\"type\":\"DeliverOrder\",\"commandId\":\"d1\"}"),
                    SOURCE);

            assertThat(decoded.value().aggregateId()).isEqualTo("order-1");
            assertThat(decoded.value().command()).isInstanceOf(OrderCommand.DeliverOrder.class);
        }
    }

    @Nested
    class An_invalid_record {

        static Stream<Arguments> invalid() {
            byte[] cart = utf8("cart-1");
            return Stream.of(
                    arguments("no key", null, utf8(ADD), ErrorCode.MISSING_KEY),
                    arguments("an empty key", new byte[0], utf8(ADD), ErrorCode.MISSING_KEY),
                    arguments("a key that is not UTF-8", new byte[] {(byte) 0xC3, (byte) 0x28}, utf8(ADD),
                            ErrorCode.INVALID_KEY),
                    arguments("a key with a space", utf8("cart 1"), utf8(ADD), ErrorCode.INVALID_KEY),
                    arguments("a key of 65 characters", utf8("c".repeat(65)), utf8(ADD), ErrorCode.INVALID_KEY),
                    arguments("a null value", cart, null, ErrorCode.EMPTY_VALUE),
                    arguments("an empty value", cart, new byte[0], ErrorCode.EMPTY_VALUE),
                    arguments("a value that is not JSON", cart, utf8("AddItem c1"), ErrorCode.NOT_JSON),
                    arguments("JSON that is not an object", cart, utf8("42"), ErrorCode.NOT_AN_OBJECT),
                    arguments("no type", cart, utf8("{\"commandId\":\"c1\"}"), ErrorCode.MISSING_TYPE),
                    arguments("an unknown type", cart, utf8("{\"type\":\"Teleport\",\"commandId\":\"c1\"}"),
                            ErrorCode.UNKNOWN_TYPE),
                    arguments("a missing field", cart, utf8(ADD.replace(",\"quantity\":2", "")),
                            ErrorCode.MISSING_FIELD),
                    arguments("a field of the wrong type", cart, utf8(ADD.replace("2}", "\"2\"}")),
                            ErrorCode.WRONG_FIELD_TYPE),
                    arguments("an invalid ID", cart, utf8(ADD.replace("\"c1\"", "\"c/1\"")), ErrorCode.INVALID_ID),
                    arguments("an oversized value", cart,
                            utf8(ADD.replace("}", ",\"pad\":\"" + "x".repeat(JsonCodec.MAX_PAYLOAD_BYTES) + "\"}")),
                            ErrorCode.PAYLOAD_TOO_LARGE),
                    arguments("a body naming another aggregate", cart,
                            utf8(ADD.replace("{", "{\"cartId\":\"cart-2\",")), ErrorCode.KEY_MISMATCH));
        }

        @ParameterizedTest(name = "{0} -> {3}")
        @MethodSource("invalid")
        void is_an_error_with_a_stable_code_the_original_bytes_and_the_source(
                String description, byte[] key, byte[] value, ErrorCode code) {
            Decoded<KeyedCommand<CartCommand>> decoded = decoder.decode(key, value, SOURCE);

            assertThat(decoded.isValid()).isFalse();
            assertThat(decoded.value()).isNull();
            Decoded.Error error = decoded.error();
            assertThat(error.code()).isEqualTo(code);
            assertThat(error.message()).isNotBlank();
            assertThat(error.rawKey()).isSameAs(key);
            assertThat(error.rawValue()).isSameAs(value);
            assertThat(error.source()).isEqualTo(SOURCE);
        }

        @Test
        void naming_another_aggregate_says_which_in_its_message() {
            var decoded = decoder.decode(utf8("cart-1"), utf8(ADD.replace("{", "{\"cartId\":\"cart-2\",")), SOURCE);

            assertThat(decoded.error().message()).contains("cartId", "cart-2", "cart-1");
        }
    }
}
