package io.shopstreams.events;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Broken variants of golden samples, and what the codec says about them. */
final class Broken {
    private Broken() {
    }

    /** The sample {@code topic/Type} with the value at {@code pointer} (e.g. {@code /lines/0/sku}) replaced. */
    static String replaced(String sample, String pointer, String jsonLiteral) {
        return edited(sample, pointer, (parent, name) -> set(parent, name, literal(jsonLiteral)));
    }

    /** The sample with the value at {@code pointer} left out. */
    static String removed(String sample, String pointer) {
        return edited(sample, pointer, (parent, name) -> {
            if (parent instanceof ObjectNode object) {
                object.remove(name);
            } else {
                ((ArrayNode) parent).remove(Integer.parseInt(name));
            }
        });
    }

    /** Every leaf value of a sample as a JSON pointer: {@code /sku}, and inside arrays {@code /lines/0/sku}. */
    static List<String> leaves(MessageType type) {
        List<String> pointers = new ArrayList<>();
        collectLeaves(Samples.tree(type), "", pointers);
        return pointers;
    }

    /** A JSON pointer as the codec names the field: {@code /lines/0/sku} is {@code lines[0].sku}. */
    static String fieldName(String pointer) {
        return pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.');
    }

    static String lastSegment(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    private static void collectLeaves(JsonNode node, String pointer, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(p -> collectLeaves(p.getValue(), pointer + "/" + p.getKey(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLeaves(node.get(i), pointer + "/" + i, into);
            }
        } else {
            into.add(pointer);
        }
    }

    static MessageType type(String sample) {
        String[] parts = sample.split("/");
        return MessageType.of(parts[0], parts[1]);
    }

    /**
     * Asserts that decoding fails with {@code code}, naming {@code field} (null: the whole value), and with a
     * message a person can act on: it names the field and says nothing about Java.
     */
    static InvalidMessageException assertRejected(JsonCodec<?> codec, byte[] value, ErrorCode code, String field) {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> codec.decode(value));
        assertThat(e).as("decoding should fail with %s", code).isNotNull();
        assertThat(e.code()).as("code; message: %s", e.getMessage()).isEqualTo(code);
        assertThat(e.field()).as("field; message: %s", e.getMessage()).isEqualTo(field);
        assertReadable(e);
        return e;
    }

    static InvalidMessageException assertRejected(String sample, String json, ErrorCode code, String field) {
        return assertRejected(type(sample).codec(), json.getBytes(StandardCharsets.UTF_8), code, field);
    }

    static void assertReadable(InvalidMessageException e) {
        assertThat(e.getMessage()).isNotBlank()
                .doesNotContain("io.shopstreams", "java.", "com.fasterxml", "Exception", "`", "REDACTED");
        if (e.field() != null) {
            assertThat(e.getMessage()).contains(e.field());
        }
    }

    private static String edited(String sample, String pointer, BiConsumer<JsonNode, String> edit) {
        ObjectNode tree = Samples.tree(type(sample));
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = tree.at(path.head());
        assertThat(parent.isContainerNode()).as("%s has a container at %s", sample, path.head()).isTrue();
        edit.accept(parent, path.last().getMatchingProperty());
        return tree.toString();
    }

    private static void set(JsonNode parent, String name, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set(name, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(name), value);
        }
    }

    private static JsonNode literal(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON literal: " + json, e);
        }
    }
}
