package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.params.provider.Arguments;

import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import static io.shopstreams.events.JsonCodecErrorsTest.ADD_ITEM;
import static io.shopstreams.events.JsonCodecErrorsTest.CHECKED_OUT;
import static io.shopstreams.events.JsonCodecErrorsTest.PRODUCT;

/**
 * Inputs for {@link JsonCodecErrorsTest}: (sample, JSON pointer[, value]). Most are derived from the golden
 * samples, so that every field of every message type is covered, including those added later.
 */
final class BadInputs {
    /** docs/contract.md, section 3.1: these fields are IDs wherever they appear. */
    private static final Set<String> CONTRACT_ID_FIELDS = Set.of("cartId", "orderId", "sku", "customerId", "commandId");

    private BadInputs() {
    }

    static Stream<Arguments> requiredFields() {
        return leavesWhere((type, pointer) -> !pointer.equals("/type") && isRequired(type, pointer));
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(ADD_ITEM, "/quantity", "\"2\""),
                Arguments.of(ADD_ITEM, "/quantity", "2.5"),
                Arguments.of(ADD_ITEM, "/quantity", "2.0"),
                Arguments.of(ADD_ITEM, "/quantity", "3000000000"),
                Arguments.of(ADD_ITEM, "/quantity", "true"),
                Arguments.of(ADD_ITEM, "/sku", "5"),
                Arguments.of(ADD_ITEM, "/sku", "{\"id\":\"sku-mug\"}"),
                Arguments.of(ADD_ITEM, "/commandId", "[\"c-1\"]"),
                Arguments.of(ADD_ITEM, "/commandId", "false"),
                Arguments.of(PRODUCT, "/active", "\"true\""),
                Arguments.of(PRODUCT, "/active", "1"),
                Arguments.of(PRODUCT, "/name", "12.5"),
                Arguments.of(CHECKED_OUT, "/version", "\"8\""),
                Arguments.of(CHECKED_OUT, "/schemaVersion", "1.5"),
                Arguments.of(CHECKED_OUT, "/occurredAt", "1764158597"),
                Arguments.of(CHECKED_OUT, "/lines", "{}"),
                Arguments.of(CHECKED_OUT, "/lines/0", "\"sku-mug\""),
                Arguments.of(CHECKED_OUT, "/lines/0/quantity", "\"2\""),
                Arguments.of(CHECKED_OUT, "/lines/0/name", "[]"));
    }

    static Stream<Arguments> badIds() {
        return leavesWhere((type, pointer) -> CONTRACT_ID_FIELDS.contains(Broken.lastSegment(pointer)))
                .flatMap(field -> Stream.of("", "x".repeat(65), "sku mug", "sku/mug", "caf\u00e9", "a\nb")
                        .map(id -> Arguments.of(field.get()[0], field.get()[1], id)));
    }

    static Stream<Arguments> badMoney() {
        return leavesWhere((type, pointer) -> pointer.endsWith("Cents"))
                .flatMap(field -> Stream.of("12.5", "\"12\"", "1000.0", "1e3")
                        .map(amount -> Arguments.of(field.get()[0], field.get()[1], amount)));
    }

    static Stream<Arguments> badCurrencies() {
        return leavesWhere((type, pointer) -> pointer.endsWith("/currency"))
                .flatMap(field -> Stream.of("eur", "EURO", "EU", "", "E1R")
                        .map(currency -> Arguments.of(field.get()[0], field.get()[1], currency)));
    }

    /** (sample, pointer) for every leaf of every sample that matches. */
    private static Stream<Arguments> leavesWhere(BiPredicate<MessageType, String> filter) {
        return MessageType.stream().flatMap(type -> Broken.leaves(type).stream()
                .filter(pointer -> filter.test(type, pointer))
                .map(pointer -> Arguments.of(type.toString(), pointer)));
    }

    /** Whether the record component a pointer ends at is {@code @JsonProperty(required = true)}. */
    private static boolean isRequired(MessageType type, String pointer) {
        Class<?> record = pointer.startsWith("/lines/") ? Line.class : type.type();
        try {
            JsonProperty property = record.getDeclaredField(Broken.lastSegment(pointer))
                    .getAnnotation(JsonProperty.class);
            return property != null && property.required();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(pointer + " is no field of " + record, e);
        }
    }
}
