package io.shopstreams.shopctl.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.service.replay.EventLogReader;
import io.shopstreams.service.replay.StoreFold;
import io.shopstreams.shopctl.cli.CliFailure;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Writes the state of every aggregate as of a point in time: one line {@code {"id":...,"state":{...}}} per
 * aggregate, in id order, from a {@link StoreFold} limited to events up to that time. A file appears only
 * complete (written beside it, then moved into place); {@code -} writes to stdout.
 */
public final class PointInTimeWriter implements AutoCloseable {
    static final String STDOUT = "-";

    /** Events read, events folded (timestamp up to the point in time), aggregates written. */
    record Result(long read, long folded, int states) {
    }

    private final Writer writer;
    private final Path target;
    private final Path temporary;
    private boolean moved;

    private PointInTimeWriter(Writer writer, Path target, Path temporary) {
        this.writer = writer;
        this.target = target;
        this.temporary = temporary;
    }

    /** Opens the output before anything is read, so that an unwritable path fails at once (a usage error). */
    static PointInTimeWriter open(String output, PrintWriter stdout) {
        if (STDOUT.equals(output)) {
            return new PointInTimeWriter(stdout, null, null);
        }
        Path target = Path.of(output).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw CliFailure.usage("--output " + output + " is a directory");
        }
        try {
            Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            return new PointInTimeWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8), target, temporary);
        } catch (IOException e) {
            throw CliFailure.usage("cannot write --output " + output + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    Result write(StoreFold fold, Instant until, Map<String, Object> clientConfig, EventLogReader.Progress progress) {
        long untilMillis = until.toEpochMilli();
        long[] folded = {0};
        long read = new EventLogReader(clientConfig).readAll(fold.sourceTopics(), record -> {
            if (record.timestamp() <= untilMillis) {
                folded[0]++;
            }
            accept(fold, record);
        }, progress);
        ObjectWriter json = JsonCodec.mapper().writer();
        int[] states = {0};
        fold.forEachAggregate((id, state) -> {
            writeLine(json, id, state);
            states[0]++;
        });
        try {
            writer.flush();
            if (temporary != null) {
                writer.close();
                move();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(read, folded[0], states[0]);
    }

    private void writeLine(ObjectWriter json, String id, Object state) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id);
        line.put("state", state);
        try {
            writer.write(json.writeValueAsString(line));
            writer.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a state as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void accept(StoreFold fold, ConsumerRecord<String, byte[]> record) {
        try {
            fold.accept(record);
        } catch (RuntimeException e) {
            throw CliFailure.failure("cannot fold " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": " + e.getMessage(), e);
        }
    }

    private void move() throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        moved = true;
    }

    /** Leaves no partial file behind when writing failed. */
    @Override
    public void close() {
        if (temporary == null) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        if (!moved) {
            try {
                writer.close();
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // Within try-with-resources, suppressed by the failure that is already on its way.
                throw new UncheckedIOException("cannot delete " + temporary, e);
            }
        }
    }
}
