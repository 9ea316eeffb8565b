package io.shopstreams.events;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static io.shopstreams.events.Broken.assertRejected;
import static io.shopstreams.events.Broken.fieldName;
import static io.shopstreams.events.Broken.removed;
import static io.shopstreams.events.Broken.replaced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link ErrorCode} the codec produces, each from real inputs: the code, the field it names, and a message
 * a person can act on. These codes end up in dead-letter headers, so they are part of the contract.
 */
class JsonCodecErrorsTest {
    static final String ADD_ITEM = "cart-commands/AddItem";
    static final String CHECKED_OUT = "cart-events/CartCheckedOut";
    static final String PRODUCT = "products/Product";
    private static final JsonCodec<CartCommand> COMMANDS = JsonCodec.CART_COMMANDS;

    /** What the codec can say about a value. */
    private static final Set<ErrorCode> CODEC_CODES = EnumSet.of(ErrorCode.EMPTY_VALUE, ErrorCode.PAYLOAD_TOO_LARGE,
            ErrorCode.NOT_JSON, ErrorCode.NOT_AN_OBJECT, ErrorCode.MISSING_TYPE, ErrorCode.UNKNOWN_TYPE,
            ErrorCode.MISSING_FIELD, ErrorCode.WRONG_FIELD_TYPE, ErrorCode.INVALID_ID, ErrorCode.INVALID_MONEY,
            ErrorCode.INVALID_FIELD);
    /**
     * Codes about the record rather than its value (the key, or processing it), which only the services can
     * tell; by name, so that a code the services add needs no change here.
     */
    private static final Set<String> SERVICE_CODES =
            Set.of("MISSING_KEY", "INVALID_KEY", "KEY_MISMATCH", "PROCESSING_ERROR");

    @Test
    void every_error_code_is_either_tested_here_or_left_to_the_services() {
        Set<String> unaccounted = Arrays.stream(ErrorCode.values())
                .filter(code -> !CODEC_CODES.contains(code) && !SERVICE_CODES.contains(code.name()))
                .map(Enum::name).collect(Collectors.toSet());

        assertThat(unaccounted).as("codes neither produced by the codec nor reserved for the services").isEmpty();
    }

    @Nested
    class EMPTY_VALUE {

        @Test
        void for_a_null_value() {
            assertRejected(COMMANDS, null, ErrorCode.EMPTY_VALUE, null);
        }

        @Test
        void for_zero_bytes() {
            assertRejected(COMMANDS, new byte[0], ErrorCode.EMPTY_VALUE, null);
        }
    }

    @Nested
    class PAYLOAD_TOO_LARGE {

        @Test
        void for_one_byte_more_than_64_KiB() {
            InvalidMessageException e = assertRejected(COMMANDS, padded(JsonCodec.MAX_PAYLOAD_BYTES + 1),
                    ErrorCode.PAYLOAD_TOO_LARGE, null);

            assertThat(e.getMessage()).contains("65537", "65536");
        }

        @Test
        void but_not_for_exactly_64_KiB() {
            assertThat(COMMANDS.decode(padded(JsonCodec.MAX_PAYLOAD_BYTES))).isInstanceOf(CartCommand.AddItem.class);
        }

        /** A valid AddItem of exactly {@code size} bytes, grown with an unknown property. */
        private byte[] padded(int size) {
            String sample = Samples.text(Broken.type(ADD_ITEM));
            String prefix = sample.substring(0, sample.length() - 1) + ",\"padding\":\"";
            String json = prefix + "x".repeat(size - prefix.length() - 2) + "\"}";
            assertThat(json).hasSize(size);
            return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Nested
    class NOT_JSON {

        @ParameterizedTest
        @ValueSource(strings = {"{", "hello", "{\"type\":\"AddItem\",}", "{'type':'AddItem'}", "{\"type\":AddItem}",
                "   ", "{} {}", "{\"type\":\"AddItem\"} trailing"})
        void for_text_that_is_not_one_json_value(String value) {
            assertRejected(COMMANDS, value.getBytes(StandardCharsets.UTF_8), ErrorCode.NOT_JSON, null);
        }

        @Test
        void for_bytes_that_are_not_utf_8() {
            byte[] latin1 = "{\"type\":\"AddItem\",\"sku\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

            assertRejected(COMMANDS, latin1, ErrorCode.NOT_JSON, null);
        }

        @Test
        void for_duplicate_keys_which_would_make_the_value_ambiguous() {
            String json = Samples.text(Broken.type(ADD_ITEM)).replace("}", ",\"sku\":\"sku-other\"}");

            InvalidMessageException e = assertRejected(COMMANDS, json.getBytes(StandardCharsets.UTF_8),
                    ErrorCode.NOT_JSON, null);

            assertThat(e.getMessage()).contains("Duplicate field 'sku'");
        }

        @Test
        void and_says_where() {
            byte[] twoLines = "{\"type\":\n\"AddItem\",}".getBytes(StandardCharsets.UTF_8);

            InvalidMessageException e = assertRejected(COMMANDS, twoLines, ErrorCode.NOT_JSON, null);

            assertThat(e.getMessage()).contains("line 2");
        }
    }

    @Nested
    class NOT_AN_OBJECT {

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[{\"type\":\"ClearCart\",\"commandId\":\"c-1\"}]", "\"AddItem\"", "42", "true",
                "null"})
        void for_json_that_is_not_an_object(String value) {
            assertRejected(COMMANDS, value.getBytes(StandardCharsets.UTF_8), ErrorCode.NOT_AN_OBJECT, null);
        }
    }

    @Nested
    class MISSING_TYPE {

        @Test
        void when_the_type_is_absent() {
            assertRejected(ADD_ITEM, removed(ADD_ITEM, "/type"), ErrorCode.MISSING_TYPE, "type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "42", "{}", "[\"AddItem\"]"})
        void when_the_type_is_not_a_string(String type) {
            assertRejected(ADD_ITEM, replaced(ADD_ITEM, "/type", type), ErrorCode.MISSING_TYPE, "type");
        }
    }

    @Nested
    class UNKNOWN_TYPE {

        @ParameterizedTest
        @ValueSource(strings = {"Nope", "ItemAdded", "additem", ""})
        void when_the_type_names_no_message_of_the_topic(String type) {
            InvalidMessageException e = assertRejected(ADD_ITEM, replaced(ADD_ITEM, "/type", "\"" + type + "\""),
                    ErrorCode.UNKNOWN_TYPE, "type");

            assertThat(e.getMessage()).contains("\"" + type + "\"", "CartCommand");
        }
    }

    @Nested
    class MISSING_FIELD {

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("io.shopstreams.events.BadInputs#requiredFields")
        void when_a_required_field_is_absent(String sample, String pointer) {
            assertRejected(sample, removed(sample, pointer), ErrorCode.MISSING_FIELD, fieldName(pointer));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("io.shopstreams.events.BadInputs#requiredFields")
        void when_a_required_field_is_null(String sample, String pointer) {
            assertRejected(sample, replaced(sample, pointer, "null"), ErrorCode.MISSING_FIELD, fieldName(pointer));
        }

        @Test
        void when_a_line_is_null() {
            assertRejected(CHECKED_OUT, replaced(CHECKED_OUT, "/lines/1", "null"), ErrorCode.MISSING_FIELD, "lines[1]");
        }
    }

    @Nested
    class WRONG_FIELD_TYPE {

        @ParameterizedTest(name = "{0} {1} = {2}")
        @MethodSource("io.shopstreams.events.BadInputs#wrongTypes")
        void when_a_field_has_another_json_type(String sample, String pointer, String value) {
            InvalidMessageException e = assertRejected(sample, replaced(sample, pointer, value),
                    ErrorCode.WRONG_FIELD_TYPE, fieldName(pointer));

            assertThat(e.getMessage()).contains(value);
        }
    }

    @Nested
    class INVALID_ID {

        @ParameterizedTest(name = "{0} {1} = {2}")
        @MethodSource("io.shopstreams.events.BadInputs#badIds")
        void when_an_id_is_empty_too_long_or_has_another_character(String sample, String pointer, String id) {
            InvalidMessageException e = assertRejected(sample, replaced(sample, pointer, quoted(id)),
                    ErrorCode.INVALID_ID, fieldName(pointer));

            assertThat(e.getMessage()).contains("1-64 characters of [A-Za-z0-9._:-]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "A-Za-z0.9_:", "cart:2026-11-26.x_1"})
        void but_any_1_to_64_characters_of_the_rule_are_an_id(String id) {
            assertThat(COMMANDS.decode(replaced(ADD_ITEM, "/sku", quoted(id)))).isNotNull();
            assertThat(COMMANDS.decode(replaced(ADD_ITEM, "/sku", quoted("x".repeat(64))))).isNotNull();
        }
    }

    @Nested
    class INVALID_MONEY {

        @ParameterizedTest(name = "{0} {1} = {2}")
        @MethodSource("io.shopstreams.events.BadInputs#badMoney")
        void when_an_amount_is_not_an_integer(String sample, String pointer, String amount) {
            InvalidMessageException e = assertRejected(sample, replaced(sample, pointer, amount),
                    ErrorCode.INVALID_MONEY, fieldName(pointer));

            assertThat(e.getMessage()).contains("integer number of minor units");
        }

        @Test
        void when_a_product_price_is_negative() {
            InvalidMessageException e = assertRejected(PRODUCT, replaced(PRODUCT, "/priceCents", "-1"),
                    ErrorCode.INVALID_MONEY, "priceCents");

            assertThat(e.getMessage()).contains("must not be negative");
        }

        @Test
        void when_a_line_price_is_negative() {
            assertRejected(CHECKED_OUT, replaced(CHECKED_OUT, "/lines/1/unitPriceCents", "-890"),
                    ErrorCode.INVALID_MONEY, "lines[1].unitPriceCents");
        }

        @Test
        void when_an_amount_does_not_fit_in_a_long() {
            assertRejected(CHECKED_OUT, replaced(CHECKED_OUT, "/totalCents", "9223372036854775808"),
                    ErrorCode.INVALID_MONEY, "totalCents");
        }
    }

    @Nested
    class INVALID_FIELD {

        @ParameterizedTest(name = "{0} {1} = {2}")
        @MethodSource("io.shopstreams.events.BadInputs#badCurrencies")
        void when_a_currency_is_not_three_capital_letters(String sample, String pointer, String currency) {
            InvalidMessageException e = assertRejected(sample, replaced(sample, pointer, quoted(currency)),
                    ErrorCode.INVALID_FIELD, fieldName(pointer));

            assertThat(e.getMessage()).contains("ISO-4217");
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "2026-11-26", "26/11/2026 12:00", ""})
        void when_a_timestamp_is_a_string_but_not_an_iso_8601_instant(String occurredAt) {
            String json = replaced(CHECKED_OUT, "/occurredAt", quoted(occurredAt));

            InvalidMessageException e = assertRejected(CHECKED_OUT, json, ErrorCode.INVALID_FIELD, "occurredAt");

            assertThat(e.getMessage()).contains("ISO-8601");
        }
    }

    private static String quoted(String text) {
        return JsonCodec.mapper().getNodeFactory().textNode(text).toString();
    }
}
