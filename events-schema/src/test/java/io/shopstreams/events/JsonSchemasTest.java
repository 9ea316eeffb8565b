package io.shopstreams.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed schemas under {@code src/main/resources/schemas} are exactly what {@link JsonSchemas} generates
 * from the records today. After changing a record, run
 * {@code mvn -pl events-schema test -Dschemas.write=true}: the files are rewritten instead of compared.
 */
class JsonSchemasTest {
    private static final boolean WRITE = Boolean.getBoolean("schemas.write");
    private static final String HOW_TO_FIX =
            "run `mvn -pl events-schema test -Dschemas.write=true` and commit the result";
    private static final JsonSchemas GENERATOR = new JsonSchemas();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.shopstreams.events.MessageType#all")
    void the_committed_schema_is_the_one_generated_from_the_record(MessageType type) throws IOException {
        String generated = GENERATOR.generate(type);
        if (WRITE) {
            Files.createDirectories(type.schema().getParent());
            Files.writeString(type.schema(), generated, StandardCharsets.UTF_8);
        }

        assertThat(type.schema()).as("%s is missing: %s", type.schema(), HOW_TO_FIX).exists();
        assertThat(Files.readString(type.schema(), StandardCharsets.UTF_8))
                .as("%s is out of date: %s", type.schema(), HOW_TO_FIX)
                .isEqualTo(generated);
    }

    @Test
    void there_is_no_schema_for_a_type_that_does_not_exist() throws IOException {
        List<Path> expected = MessageType.stream().map(MessageType::schema).toList();

        try (Stream<Path> files = Files.walk(MessageType.SCHEMAS)) {
            assertThat(files.filter(f -> f.toString().endsWith(".schema.json")))
                    .as("schema files without a message type; delete them")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void generating_twice_gives_the_same_text() {
        MessageType type = MessageType.of("order-events", "OrderPlaced");

        assertThat(new JsonSchemas().generate(type)).isEqualTo(GENERATOR.generate(type));
    }
}
