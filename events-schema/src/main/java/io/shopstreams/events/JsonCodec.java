package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The one JSON codec of the project, for one message hierarchy ({@link CartCommand}, {@link CartEvent},
 * {@link OrderCommand}, {@link OrderEvent}) or {@link Product}.
 *
 * <p>Decoding is strict and never returns null: anything that is not a valid message fails with an
 * {@link InvalidMessageException} carrying a stable {@link ErrorCode} and, for a field, its path such as
 * {@code lines[0].sku} (see {@link JacksonErrors}). Nothing is coerced: not "5" to 5, 5.0 to 5, nor a number to
 * a timestamp (ISO-8601 strings only). Unknown properties are ignored so that a newer writer's additive fields
 * do not break an older reader. Duplicate keys are refused (see {@link JacksonConfig}). A hierarchy that declares
 * a {@link JsonTypeInfo} discriminator requires it as a string. Encoding is compact UTF-8 JSON with {@code type}
 * first, then the record's components in declaration order, nulls left out; decoding an encoded message and
 * encoding it again gives the same bytes.
 */
public final class JsonCodec<T> {
    /** Larger values are refused (docs/contract.md, section 3.8: oversized input is a dead letter). */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public static final JsonCodec<CartCommand> CART_COMMANDS = new JsonCodec<>(CartCommand.class);
    public static final JsonCodec<CartEvent> CART_EVENTS = new JsonCodec<>(CartEvent.class);
    public static final JsonCodec<OrderCommand> ORDER_COMMANDS = new JsonCodec<>(OrderCommand.class);
    public static final JsonCodec<OrderEvent> ORDER_EVENTS = new JsonCodec<>(OrderEvent.class);
    public static final JsonCodec<Product> PRODUCTS = new JsonCodec<>(Product.class);

    private final Class<T> type;
    /** Looked up once: {@code writerFor} per event showed in the profile. */
    private final com.fasterxml.jackson.databind.ObjectWriter writer;
    private final com.fasterxml.jackson.databind.ObjectReader reader;
    /** The property naming the subtype, or null for a single record type. */
    private final String discriminator;

    private JsonCodec(Class<T> type) {
        this.type = type;
        this.writer = JacksonConfig.MAPPER.writerFor(type);
        this.reader = JacksonConfig.MAPPER.readerFor(type);
        JsonTypeInfo typeInfo = type.getAnnotation(JsonTypeInfo.class);
        this.discriminator = typeInfo == null ? null : typeInfo.property();
    }

    /** The Jackson configuration every message goes through; exposed for tools that print messages. */
    public static ObjectMapper mapper() {
        return JacksonConfig.MAPPER;
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
        // The fast path binds straight from the bytes, with the same strict mapper; anything it does not accept
        // goes the explaining way below, which finds the same fault and names it. Parsing every command into a
        // tree first cost a seventh of the stream thread's time.
        if (bytes != null && bytes.length > 0 && bytes.length <= MAX_PAYLOAD_BYTES) {
            try {
                T value = reader.readValue(bytes);
                if (value != null) {
                    return value;
                }
            } catch (IOException | RuntimeException e) {
                // Not valid: explained below.
            }
        }
        return decodeExplaining(bytes);
    }

    private T decodeExplaining(byte[] bytes) {
        JsonNode tree = parse(bytes);
        requireDiscriminator(tree);
        try {
            T value = JacksonConfig.MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw new InvalidMessageException(ErrorCode.NOT_AN_OBJECT, "the value is not a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw JacksonErrors.binding(e, tree, type, discriminator);
        }
    }

    /** Decodes a message given as text, e.g. a golden sample or a CLI argument. */
    public T decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] encode(T message) {
        Objects.requireNonNull(message, "message");
        try {
            return writer.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; failing here is a bug, not bad input.
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public String encodeToString(T message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    /** Reads a tree strictly (used by tools that need the raw object, e.g. to add a generated commandId). */
    public static ObjectNode parseObject(byte[] bytes) {
        return (ObjectNode) parse(bytes);
    }

    /** One JSON object within the size limit, or the error that says why not. */
    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidMessageException(ErrorCode.EMPTY_VALUE, "the value is empty");
        }
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidMessageException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "the value has " + bytes.length + " bytes, more than the limit of " + MAX_PAYLOAD_BYTES);
        }
        JsonNode tree = readOneValue(bytes);
        if (!tree.isObject()) {
            throw new InvalidMessageException(ErrorCode.NOT_AN_OBJECT,
                    "the value must be one JSON object, got " + tree.getNodeType().name().toLowerCase());
        }
        return tree;
    }

    private static JsonNode readOneValue(byte[] bytes) {
        try (JsonParser parser = JacksonConfig.MAPPER.createParser(bytes)) {
            JsonNode tree = JacksonConfig.TREE_READER.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidMessageException(ErrorCode.NOT_JSON, "the value is not JSON: it holds only whitespace");
            }
            if (parser.nextToken() != null) {
                throw new InvalidMessageException(ErrorCode.NOT_JSON, "the value is not JSON: more than one value"
                        + JacksonErrors.where(parser.currentTokenLocation()));
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw JacksonErrors.notJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireDiscriminator(JsonNode tree) {
        if (discriminator == null) {
            return;
        }
        JsonNode typeNode = tree.get(discriminator);
        if (typeNode == null || typeNode.isNull()) {
            throw new InvalidMessageException(ErrorCode.MISSING_TYPE, discriminator, "the object has no \""
                    + discriminator + "\"; expected one of the " + type.getSimpleName() + " types");
        }
        if (!typeNode.isTextual()) {
            throw new InvalidMessageException(ErrorCode.MISSING_TYPE, discriminator,
                    "\"" + discriminator + "\" must be a string");
        }
    }
}
