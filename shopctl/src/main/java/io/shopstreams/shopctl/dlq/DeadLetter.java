package io.shopstreams.shopctl.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;

import io.shopstreams.events.Topics;
import io.shopstreams.service.stream.DeadLetters;
import io.shopstreams.service.tracing.Tracing;
import io.shopstreams.shopctl.tail.RecordFormatter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of {@code dead-letters}: where it sits, the original key and value bytes, and the error metadata
 * of its headers (any of which may be null on a record that some other producer wrote), and the failed record's
 * {@code traceparent} if it had one.
 */
public record DeadLetter(int partition, long offset, long timestamp, byte[] key, byte[] value, String sourceTopic,
                  String sourcePartition, String sourceOffset, String code, String service, String message,
                  byte[] traceparent) {
    /** Preview of a value in a listing: at most this many characters. */
    static final int PREVIEW_CHARS = 80;

    /** Oldest first; ties in partition and offset order, so that listings are stable. */
    static final Comparator<DeadLetter> ORDER = Comparator.comparingLong(DeadLetter::timestamp)
            .thenComparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset);

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        var headers = record.headers();
        // The failed record's trace, which the service copied; a re-published record continues it.
        var traceparent = headers.lastHeader(Tracing.TRACEPARENT);
        return new DeadLetter(record.partition(), record.offset(), record.timestamp(), record.key(), record.value(),
                DeadLetters.header(headers, DeadLetters.SOURCE_TOPIC),
                DeadLetters.header(headers, DeadLetters.SOURCE_PARTITION),
                DeadLetters.header(headers, DeadLetters.SOURCE_OFFSET),
                DeadLetters.header(headers, DeadLetters.ERROR_CODE),
                DeadLetters.header(headers, DeadLetters.SERVICE),
                DeadLetters.header(headers, DeadLetters.ERROR_MESSAGE),
                traceparent == null ? null : traceparent.value());
    }

    /** {@code dead-letters-P@O}. */
    String id() {
        return Topics.DEAD_LETTERS.name() + "-" + republishTag();
    }

    /** {@code P@O}: the value of the {@code shop.replay.of} header on its re-published record. */
    String republishTag() {
        return partition + "@" + offset;
    }

    /** {@code topic-partition@offset} of the record that failed. */
    String source() {
        if (sourceTopic == null) {
            return "(unknown source)";
        }
        return sourceTopic + "-" + orDash(sourcePartition) + "@" + orDash(sourceOffset);
    }

    /** {@code dead-letters-P@O (CODE, from topic-p@o)}. */
    String describe() {
        return id() + " (" + orDash(code) + ", from " + source() + ")";
    }

    /**
     * One line: {@code dead-letters-P@O TIME CODE from SOURCE by SERVICE key=K message="..." value="..."}, with the
     * value cut to {@link #PREVIEW_CHARS} characters and control characters escaped. Pure.
     */
    String line() {
        return id() + " " + Instant.ofEpochMilli(timestamp) + " " + orDash(code) + " from " + source()
                + " by " + orDash(service) + " key=" + (key == null ? RecordFormatter.NULL : RecordFormatter.text(key))
                + " message=" + quoted(message == null ? "" : message, Integer.MAX_VALUE)
                + " value=" + (value == null ? RecordFormatter.NULL
                : quoted(new String(value, StandardCharsets.UTF_8), PREVIEW_CHARS));
    }

    /** Cut to {@code max} code points (marked with "..."), escaped onto one line, in double quotes. */
    static String quoted(String text, int max) {
        String cut = text;
        if (text.codePointCount(0, text.length()) > max) {
            cut = text.substring(0, text.offsetByCodePoints(0, max)) + "...";
        }
        return "\"" + RecordFormatter.escape(cut).replace("\"", "\\\"") + "\"";
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
