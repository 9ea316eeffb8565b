package io.shopstreams.service;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The topic ids of the catalog (global-store) topics a local state was built from, kept beside that state.
 * Kafka Streams keeps a global store's position by topic name and offset only, so a catalog topic deleted and
 * created again looks like the same topic: a position at or below the new topic's end silently skips the
 * records before it (the instance goes on pricing from the old catalog), one past it kills the global thread.
 * A changed id is the only sign, and discarding the local state is the only cure.
 */
final class CatalogTopicIds {
    private CatalogTopicIds() {
    }

    static Path file(Path stateDir, String applicationId) {
        return stateDir.resolve(applicationId + ".catalog-topic-ids");
    }

    /** The ids recorded in {@code file}; empty when there is none or it cannot be read (nothing to compare). */
    static Map<String, Uuid> read(Path file) {
        Map<String, Uuid> ids = new TreeMap<>();
        if (!Files.exists(file)) {
            return ids;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    ids.put(line.substring(0, equals), Uuid.fromString(line.substring(equals + 1).trim()));
                }
            }
            return ids;
        } catch (IOException | IllegalArgumentException e) {
            return new TreeMap<>();
        }
    }

    static void write(Path file, Map<String, Uuid> ids) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(ids).forEach((topic, id) -> text.append(topic).append('=').append(id).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog topic ids in " + file, e);
        }
    }

    /** The topics listed in both maps under different ids: deleted and created again in between. */
    static Set<String> recreated(Map<String, Uuid> before, Map<String, Uuid> now) {
        Set<String> recreated = new TreeSet<>();
        before.forEach((topic, id) -> {
            Uuid current = now.get(topic);
            if (current != null && !current.equals(id)) {
                recreated.add(topic);
            }
        });
        return recreated;
    }
}
