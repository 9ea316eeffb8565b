package io.shopstreams.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads sample files. Convention: a file holds the exact bytes {@link JsonCodec#encode} writes, followed by
 * one {@code \n} so that it is a proper text file for editors, {@code cat} and {@code kcat -l}.
 */
final class Samples {
    private Samples() {
    }

    /** The message bytes of a sample file: its content without the final newline, which must be there. */
    static byte[] message(Path file) {
        byte[] content = read(file);
        if (content.length == 0 || content[content.length - 1] != '\n') {
            throw new AssertionError(file + " must end with exactly one \\n after the JSON");
        }
        return Arrays.copyOf(content, content.length - 1);
    }

    static String text(Path file) {
        return new String(message(file), StandardCharsets.UTF_8);
    }

    static String text(MessageType type) {
        return text(type.sample());
    }

    /** A fresh, mutable tree of the sample, for deriving broken variants of a valid message. */
    static ObjectNode tree(MessageType type) {
        return JsonCodec.parseObject(message(type.sample()));
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
