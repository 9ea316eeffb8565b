package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message the README shows (kcat and console-producer lines, curl bodies, the message examples) is one
 * the codec accepts: a user who copies them gets a decided command, not a dead letter.
 */
class ReadmeExamplesTest {
    private static final List<JsonCodec<?>> CODECS = List.of(JsonCodec.CART_COMMANDS, JsonCodec.ORDER_COMMANDS,
            JsonCodec.CART_EVENTS, JsonCodec.ORDER_EVENTS);

    @Test
    void everyJsonMessageInTheReadmeDecodes() throws IOException {
        List<String> messages = messages(Files.readString(Path.of("..", "README.md")));

        assertThat(messages).hasSizeGreaterThanOrEqualTo(12);
        for (String message : messages) {
            assertThat(decodes(message)).as(message).isTrue();
        }
    }

    /** The objects that start with a "type" property, as balanced {...} spans. */
    private static List<String> messages(String text) {
        List<String> found = new ArrayList<>();
        int from = 0;
        while ((from = text.indexOf("{\"type\":\"", from)) >= 0) {
            int depth = 0;
            int end = from;
            do {
                char c = text.charAt(end++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            } while (depth > 0);
            found.add(text.substring(from, end));
            from = end;
        }
        return found;
    }

    /** A body without a commandId is what POST accepts: the HTTP edge adds one, so the test does too. */
    private static boolean decodes(String message) {
        ObjectNode json = JsonCodec.parseObject(message.getBytes(StandardCharsets.UTF_8));
        if (!json.has("commandId")) {
            json.put("commandId", "readme-example");
        }
        for (JsonCodec<?> codec : CODECS) {
            try {
                codec.decode(json.toString());
                return true;
            } catch (InvalidMessageException e) {
                // another hierarchy's type: try the next codec
            }
        }
        return false;
    }
}
