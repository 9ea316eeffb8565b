package io.shopstreams.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The one JSON codec of the project, for one message hierarchy ({@link CartCommand}, {@link CartEvent},
 * {@link OrderCommand}, {@link OrderEvent}) or {@link Product}.
 *
 * <p>Decoding is strict and never returns null: anything that is not a valid message fails with an
 * {@link InvalidMessageException} carrying a stable {@link ErrorCode} and, for a field, its path such as
 * {@code lines[0].sku}. Nothing is coerced: not "5" to 5, 5.0 to 5, nor a number to a timestamp (ISO-8601
 * strings only). Unknown properties are ignored so that a newer writer's additive fields do not break an
 * older reader. Duplicate keys are refused. Encoding is compact UTF-8 JSON with
 * {@code type} first, then the record's components in declaration order, nulls left out; decoding an encoded
 * message and encoding it again gives the same bytes.
 */
public final class JsonCodec<T> {
    /** Larger values are refused (CONTRACT: oversized input is a dead letter). */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public static final JsonCodec<CartCommand> CART_COMMANDS = new JsonCodec<>(CartCommand.class);
    public static final JsonCodec<CartEvent> CART_EVENTS = new JsonCodec<>(CartEvent.class);
    public static final JsonCodec<OrderCommand> ORDER_COMMANDS = new JsonCodec<>(OrderCommand.class);
    public static final JsonCodec<OrderEvent> ORDER_EVENTS = new JsonCodec<>(OrderEvent.class);
    public static final JsonCodec<Product> PRODUCTS = new JsonCodec<>(Product.class);

    private static final ObjectMapper MAPPER = strictMapper();
    // Trailing content is checked by parse(), whose message is about the input rather than about Jackson.
    private static final ObjectReader TREE_READER =
            MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Class<T> type;

    private JsonCodec(Class<T> type) {
        this.type = type;
    }

    /** The Jackson configuration every message goes through; exposed for tools that print messages. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public Class<T> type() {
        return type;
    }

    /**
     * Decodes one message.
     *
     * @throws InvalidMessageException with the code that says what is wrong; never returns null
     */
    public T decode(byte[] bytes) {
        JsonNode tree = parse(bytes);
        requireType(tree);
        try {
            T value = MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw new InvalidMessageException(ErrorCode.NOT_AN_OBJECT, "the value is not a JSON object");
            }
            return value;
        } catch (ValueInstantiationException e) {
            throw fromConstructor(e);
        } catch (InvalidTypeIdException e) {
            throw new InvalidMessageException(ErrorCode.UNKNOWN_TYPE, "type",
                    "unknown type \"" + e.getTypeId() + "\" for " + type.getSimpleName());
        } catch (JsonMappingException e) {
            throw fromMapping(e, tree);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(ErrorCode.WRONG_FIELD_TYPE, e.getOriginalMessage());
        }
    }

    /** Decodes a message given as text, e.g. a golden sample or a CLI argument. */
    public T decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] encode(T message) {
        Objects.requireNonNull(message, "message");
        try {
            return MAPPER.writerFor(type).writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; failing here is a bug, not bad input.
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public String encodeToString(T message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidMessageException(ErrorCode.EMPTY_VALUE, "the value is empty");
        }
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidMessageException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "the value has " + bytes.length + " bytes, more than the limit of " + MAX_PAYLOAD_BYTES);
        }
        JsonNode tree;
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            tree = TREE_READER.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidMessageException(ErrorCode.NOT_JSON,
                        "the value is not JSON: it holds only whitespace");
            }
            if (parser.nextToken() != null) {
                throw new InvalidMessageException(ErrorCode.NOT_JSON,
                        "the value is not JSON: more than one value" + where(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(ErrorCode.NOT_JSON, "the value is not JSON: " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!tree.isObject()) {
            throw new InvalidMessageException(ErrorCode.NOT_AN_OBJECT,
                    "the value must be one JSON object, got " + tree.getNodeType().name().toLowerCase());
        }
        return tree;
    }

    /** Jackson's reason and position, without the source description some of its messages embed. */
    private static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage().replaceAll(" \\(start marker at \\[Source: .*\\]\\)", "");
        return reason + where(e.getLocation());
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private void requireType(JsonNode tree) {
        if (type == Product.class) {
            return;
        }
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new InvalidMessageException(ErrorCode.MISSING_TYPE, "type",
                    "the object has no \"type\"; expected one of the " + type.getSimpleName() + " types");
        }
        if (!typeNode.isTextual()) {
            throw new InvalidMessageException(ErrorCode.MISSING_TYPE, "type", "\"type\" must be a string");
        }
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
        String name = fieldName(e.getPath());
        JsonNode node = tree.at(pointer(e.getPath()));
        if (node.isMissingNode() || node.isNull()) {
            return new InvalidMessageException(ErrorCode.MISSING_FIELD, name, name + " is required");
        }
        if (node.isTextual() && e instanceof InvalidFormatException format && format.getTargetType() == Instant.class) {
            // A string, as it should be, but not a timestamp: a malformed value rather than a wrong type.
            return new InvalidMessageException(ErrorCode.INVALID_FIELD, name,
                    name + " must be an ISO-8601 instant such as 2026-11-26T12:00:00Z, got " + abbreviate(node));
        }
        boolean money = name.endsWith("Cents");
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

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule().addDeserializer(Instant.class, new StrictInstantDeserializer()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        // No silent coercion: "5" is not a number, 5 is not a string, 1 is not true.
        for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(numeric)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        // "" is not a missing timestamp but a malformed one.
        mapper.coercionConfigFor(LogicalType.DateTime)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /** Reads a tree strictly (used by tools that need the raw object, e.g. to add a generated commandId). */
    public static ObjectNode parseObject(byte[] bytes) {
        return (ObjectNode) parse(bytes);
    }
}
