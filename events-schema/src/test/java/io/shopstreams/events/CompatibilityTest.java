package io.shopstreams.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backward-compatibility gate. {@code src/test/resources/compat} holds a frozen copy of every sample ever
 * committed, laid out as {@code compat/v<N>/<topic>/<Type>[.<anything>].json}; files there are only ever
 * added (see its README.md). A change to the records that can no longer read an old message fails here,
 * before any old message on a topic with infinite retention fails in production.
 */
class CompatibilityTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("frozenMessages")
    void every_frozen_message_still_decodes_as_the_type_its_file_names(Path file) {
        MessageType type = typeOf(file);

        Object decoded = type.codec().decode(Samples.message(file));

        assertThat(decoded).isExactlyInstanceOf(type.type());
    }

    /** So that today's samples are frozen before they change: a changed sample needs a new frozen copy. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.shopstreams.events.MessageType#all")
    void every_current_sample_has_a_frozen_copy(MessageType type) {
        byte[] sample = Samples.read(type.sample());

        assertThat(frozenMessages().filter(file -> typeOf(file).equals(type)))
                .as("no file under %s/v*/%s holds the current %s; copy it there as a new file",
                        MessageType.COMPAT, type.hierarchy().dir, type.sample())
                .anySatisfy(file -> assertThat(Samples.read(file)).isEqualTo(sample));
    }

    @Test
    void the_gate_is_not_empty() {
        assertThat(frozenMessages()).hasSizeGreaterThanOrEqualTo(MessageType.all().size());
    }

    /** {@code compat/v1/cart-events/ItemAdded.json} and {@code .../ItemAdded.with-discount.json} are ItemAdded. */
    static MessageType typeOf(Path file) {
        String fileName = file.getFileName().toString();
        return MessageType.of(file.getParent().getFileName().toString(), fileName.substring(0, fileName.indexOf('.')));
    }

    static Stream<Path> frozenMessages() {
        try (Stream<Path> files = Files.walk(MessageType.COMPAT)) {
            List<Path> messages = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            return messages.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
