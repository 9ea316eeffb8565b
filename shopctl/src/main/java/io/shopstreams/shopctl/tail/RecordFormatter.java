package io.shopstreams.shopctl.tail;

import java.nio.charset.StandardCharsets;

import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.service.stream.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One record as one line: {@code partition@offset key value}. Pure.
 *
 * <ul>
 *   <li>A valid value is decoded and re-encoded compactly by the topic's value serde.</li>
 *   <li>An undecodable value is shown as its raw text followed by {@code [undecodable: CODE]}.</li>
 *   <li>A null key shows as {@code (null)}; a null value on {@code products} as {@code (tombstone)}.</li>
 *   <li>A dead letter is its original value as text, then {@code | code=... source=topic-partition@offset
 *       service=... message="..."} from its headers.</li>
 *   <li>Control characters are escaped ({@code \n}, {@code \u0000}): never more than one line per record.</li>
 * </ul>
 */
public final class RecordFormatter {
    public static final String NULL = "(null)";
    static final String TOMBSTONE = "(tombstone)";

    private RecordFormatter() {
    }

    static String format(ProjectTopic topic, ConsumerRecord<byte[], byte[]> record) {
        StringBuilder line = new StringBuilder()
                .append(record.partition()).append('@').append(record.offset()).append(' ')
                .append(record.key() == null ? NULL : text(record.key())).append(' ');
        if (topic == ProjectTopic.DEAD_LETTERS) {
            return line.append(record.value() == null ? NULL : text(record.value()))
                    .append(" | ").append(deadLetterHeaders(record.headers())).toString();
        }
        return line.append(value(topic, record.value())).toString();
    }

    /** The value decoded and re-encoded by the topic's serde, or its raw text with the error code. */
    static String value(ProjectTopic topic, byte[] value) {
        try {
            String message = topic.reencode(value);
            return message == null ? TOMBSTONE : message;
        } catch (InvalidMessageException e) {
            return (value == null ? NULL : text(value)) + " [undecodable: " + e.code() + "]";
        }
    }

    static String deadLetterHeaders(Headers headers) {
        String message = DeadLetters.header(headers, DeadLetters.ERROR_MESSAGE);
        return "code=" + orDash(DeadLetters.header(headers, DeadLetters.ERROR_CODE))
                + " source=" + orDash(DeadLetters.header(headers, DeadLetters.SOURCE_TOPIC))
                + "-" + orDash(DeadLetters.header(headers, DeadLetters.SOURCE_PARTITION))
                + "@" + orDash(DeadLetters.header(headers, DeadLetters.SOURCE_OFFSET))
                + " service=" + orDash(DeadLetters.header(headers, DeadLetters.SERVICE))
                + " message=\"" + (message == null ? "" : escape(message).replace("\"", "\\\"")) + "\"";
    }

    /** Bytes as UTF-8 text (invalid sequences replaced), escaped onto one line. */
    public static String text(byte[] bytes) {
        return escape(new String(bytes, StandardCharsets.UTF_8));
    }

    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static String orDash(String value) {
        return value == null ? "-" : escape(value);
    }
}
