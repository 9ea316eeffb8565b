package io.shopstreams.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Translates Jackson's failures into {@link InvalidMessageException}s with a stable {@link ErrorCode}, the path of
 * the offending field as users write it ({@code lines[0].sku}) and a message about the input rather than about
 * Jackson. These codes and messages reach dead-letter headers and HTTP answers: they are part of the contract.
 */
final class JacksonErrors {
    private JacksonErrors() {
    }

    /** The bytes are not one well-formed JSON value. */
    static InvalidMessageException notJson(JsonProcessingException e) {
        // Without the source description some of Jackson's messages embed.
        String reason = e.getOriginalMessage().replaceAll(" \\(start marker at \\[Source: .*\\]\\)", "");
        return new InvalidMessageException(ErrorCode.NOT_JSON, "the value is not JSON: " + reason + where(e.getLocation()));
    }

    static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * A JSON object that does not bind to {@code type}.
     *
     * @param tree the object that was bound, to tell a missing field from one of the wrong shape
     * @param discriminator the property naming the subtype, or null when {@code type} has none
     */
    static InvalidMessageException binding(JsonProcessingException e, JsonNode tree, Class<?> type,
                                           String discriminator) {
        if (e instanceof ValueInstantiationException refused) {
            return fromConstructor(refused);
        }
        if (e instanceof InvalidTypeIdException unknown) {
            return new InvalidMessageException(ErrorCode.UNKNOWN_TYPE, discriminator,
                    "unknown type \"" + unknown.getTypeId() + "\" for " + type.getSimpleName());
        }
        if (e instanceof JsonMappingException mapping) {
            return fromMapping(mapping, tree);
        }
        return new InvalidMessageException(ErrorCode.WRONG_FIELD_TYPE, e.getOriginalMessage());
    }

    /**
     * A record constructor refused a value. Jackson's path leads to the record (e.g. {@code lines[0]}); the
     * record names its own field, so both are joined.
     */
    private static InvalidMessageException fromConstructor(ValueInstantiationException e) {
        String path = fieldName(e.getPath());
        if (e.getCause() instanceof InvalidMessageException invalid) {
            return invalid.under(path);
        }
        return new InvalidMessageException(ErrorCode.WRONG_FIELD_TYPE, path.isEmpty() ? null : path,
                "cannot read " + (path.isEmpty() ? "the message" : path) + ": " + e.getOriginalMessage());
    }

    /** Jackson names the failing path; the tree tells whether the field was missing or of the wrong shape. */
    private static InvalidMessageException fromMapping(JsonMappingException e, JsonNode tree) {
        List<JsonMappingException.Reference> path = e.getPath();
        String name = fieldName(path);
        JsonNode node = tree.at(pointer(path));
        if (node.isMissingNode() || node.isNull()) {
            return new InvalidMessageException(ErrorCode.MISSING_FIELD, name, name + " is required");
        }
        if (e.getCause() instanceof InvalidMessageException invalid) {
            // A value deserializer named the field it read; Jackson's path leads to that field.
            return invalid.under(fieldName(path.subList(0, path.size() - 1)));
        }
        boolean money = !path.isEmpty() && isMoney(path.get(path.size() - 1));
        if (e.getCause() instanceof InputCoercionException) {
            // An integer where one belongs, but too large for the field (int, or long for money).
            return new InvalidMessageException(money ? ErrorCode.INVALID_MONEY : ErrorCode.WRONG_FIELD_TYPE, name,
                    name + " is out of range: " + abbreviate(node));
        }
        if (money) {
            return new InvalidMessageException(ErrorCode.INVALID_MONEY, name,
                    name + " must be an integer number of minor units, got " + abbreviate(node));
        }
        return new InvalidMessageException(ErrorCode.WRONG_FIELD_TYPE, name,
                name + " has the wrong type: " + abbreviate(node));
    }

    /** Whether the field a reference names is a record component marked {@link Money}. */
    private static boolean isMoney(JsonMappingException.Reference ref) {
        Object from = ref.getFrom();
        Class<?> owner = from instanceof Class<?> c ? c : from == null ? Object.class : from.getClass();
        if (ref.getFieldName() == null || !owner.isRecord()) {
            return false;
        }
        for (RecordComponent component : owner.getRecordComponents()) {
            if (component.getName().equals(ref.getFieldName())) {
                return component.isAnnotationPresent(Money.class);
            }
        }
        return false;
    }

    /** The path as users write it: {@code lines[0].sku}. */
    private static String fieldName(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static JsonPointer pointer(List<JsonMappingException.Reference> path) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                pointer = pointer.appendProperty(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                pointer = pointer.appendIndex(ref.getIndex());
            }
        }
        return pointer;
    }

    private static String abbreviate(JsonNode node) {
        return Fields.abbreviate(node.toString());
    }
}
