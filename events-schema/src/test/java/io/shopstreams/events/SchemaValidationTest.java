package io.shopstreams.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.shopstreams.events.Broken.removed;
import static io.shopstreams.events.Broken.replaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The committed schemas, read as a client in another language would (networknt's validator, draft 2020-12,
 * formats asserted): they accept the golden samples, refuse broken messages, and agree with the codec.
 */
class SchemaValidationTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    @Nested
    class Valid_messages {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.MessageType#all")
        void every_golden_sample_is_valid_against_its_schema(MessageType type) {
            assertThat(errors(type, Samples.text(type))).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.CompatibilityTest#frozenMessages")
        void every_frozen_message_is_valid_against_the_schema_of_today(Path file) {
            assertThat(errors(CompatibilityTest.typeOf(file), Samples.text(file))).isEmpty();
        }

        @Test
        void an_optional_id_may_be_present_absent_or_null() {
            MessageType clearCart = MessageType.of("cart-commands", "ClearCart");

            assertThat(errors(clearCart, Samples.text(clearCart))).isEmpty();
            assertThat(errors(clearCart, removed("cart-commands/ClearCart", "/cartId"))).isEmpty();
            assertThat(errors(clearCart, replaced("cart-commands/ClearCart", "/cartId", "null"))).isEmpty();
        }

        @Test
        void unknown_properties_are_allowed_as_the_codec_ignores_them() {
            String newer = replaced("cart-commands/AddItem", "/giftWrap", "true");

            assertThat(errors("cart-commands/AddItem", newer)).isEmpty();
        }
    }

    /** So that the schemas are not vacuous. */
    @Nested
    class Invalid_messages {

        @Test
        void a_missing_required_field() {
            assertThat(errors("cart-commands/AddItem", removed("cart-commands/AddItem", "/sku"))).isNotEmpty();
            assertThat(errors("order-events/OrderPlaced", removed("order-events/OrderPlaced", "/lines/0/quantity")))
                    .isNotEmpty();
        }

        @Test
        void a_bad_id() {
            String tooLong = "\"" + "x".repeat(65) + "\"";

            assertThat(errors("cart-commands/AddItem", replaced("cart-commands/AddItem", "/sku", "\"sku mug\"")))
                    .isNotEmpty();
            assertThat(errors("cart-events/ItemAdded", replaced("cart-events/ItemAdded", "/cartId", "\"\"")))
                    .isNotEmpty();
            String checkedOut = "cart-events/CartCheckedOut";
            assertThat(errors(checkedOut, replaced(checkedOut, "/lines/1/sku", tooLong))).isNotEmpty();
        }

        @Test
        void float_money() {
            assertThat(errors("order-commands/PayOrder", replaced("order-commands/PayOrder", "/amountCents", "33.9")))
                    .isNotEmpty();
            assertThat(errors("products/Product", replaced("products/Product", "/priceCents", "12.5"))).isNotEmpty();
        }

        @Test
        void a_negative_price() {
            assertThat(errors("products/Product", replaced("products/Product", "/priceCents", "-1"))).isNotEmpty();
        }

        @Test
        void the_type_of_another_message() {
            String addItem = Samples.text(MessageType.of("cart-commands", "AddItem"));

            assertThat(errors("cart-commands/ChangeQuantity", addItem)).isNotEmpty();
            assertThat(errors("cart-commands/AddItem", removed("cart-commands/AddItem", "/type"))).isNotEmpty();
        }

        @Test
        void a_lowercase_currency() {
            assertThat(errors("cart-events/ItemAdded", replaced("cart-events/ItemAdded", "/currency", "\"eur\"")))
                    .isNotEmpty();
        }

        @Test
        void a_timestamp_that_is_not_a_date_time() {
            String cleared = "cart-events/CartCleared";

            assertThat(errors(cleared, replaced(cleared, "/occurredAt", "\"yesterday\""))).isNotEmpty();
            assertThat(errors(cleared, replaced(cleared, "/occurredAt", "1764158565"))).isNotEmpty();
        }
    }

    /**
     * The schema restates rules the records enforce in code ({@link JsonSchemas} keys them on field names). For
     * every field of every sample, a set of edits must be accepted by both or refused by both.
     */
    @Nested
    class The_schema_and_the_codec_agree {
        /**
         * Each put in turn into every field. Left out, as known differences of validators rather than of the
         * schema: integers beyond 32 or 64 bits (the schema says so with the {@code int32}/{@code int64} formats,
         * which draft 2020-12 validators do not assert), and a trailing newline in an ID (the regex {@code $} of
         * Java and Python lets it through a pattern where ECMA-262, the JSON Schema standard, does not).
         */
        private static final List<String> EDITS = List.of(
                "null", "\"\"", "\"sku mug\"", "\"" + "x".repeat(65) + "\"", "\"eur\"", "\"EUR\"",
                "\"2026-11-26T12:00:00Z\"", "\"yesterday\"", "5", "-1", "0", "1.5", "true", "{}", "[]");

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.shopstreams.events.MessageType#all")
        void on_every_edit_of_every_field(MessageType type) {
            List<String> disagreements = new ArrayList<>();
            for (String pointer : Broken.leaves(type)) {
                check(type, pointer + " removed", removed(type.toString(), pointer), disagreements);
                for (String edit : EDITS) {
                    check(type, pointer + " = " + edit, replaced(type.toString(), pointer, edit), disagreements);
                }
            }
            assertThat(disagreements).isEmpty();
        }

        private void check(MessageType type, String edit, String json, List<String> disagreements) {
            Throwable refusal = catchThrowable(() -> type.codec().decode(json));
            assertThat(refusal).as(edit).satisfiesAnyOf(
                    r -> assertThat(r).isNull(), r -> assertThat(r).isInstanceOf(InvalidMessageException.class));
            boolean codecAccepts = refusal == null;
            boolean schemaAccepts = errors(type, json).isEmpty();
            if (codecAccepts != schemaAccepts) {
                String codec = codecAccepts ? "accepts" : "refuses (" + refusal.getMessage() + ")";
                String schema = schemaAccepts ? "accepts" : "refuses " + errors(type, json);
                disagreements.add(edit + ": codec " + codec + ", schema " + schema);
            }
        }
    }

    private static Set<ValidationMessage> errors(String sample, String json) {
        return errors(Broken.type(sample), json);
    }

    private static Set<ValidationMessage> errors(MessageType type, String json) {
        return schema(type).validate(tree(json));
    }

    /** The committed file, which is what clients get. */
    private static JsonSchema schema(MessageType type) {
        return FACTORY.getSchema(tree(new String(Samples.read(type.schema()), StandardCharsets.UTF_8)), CONFIG);
    }

    private static JsonNode tree(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
