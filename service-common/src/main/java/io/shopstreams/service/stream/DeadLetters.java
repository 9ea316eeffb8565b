package io.shopstreams.service.stream;

import io.shopstreams.service.tracing.Tracing;
import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The dead-letter format (docs/contract.md, section 3.8): key and value are the original bytes, unchanged; the error
 * metadata travels in headers so that a dead letter can be re-published to its source as it came.
 */
public final class DeadLetters {
    public static final String TOPIC = Topics.DEAD_LETTERS.name();

    public static final String SOURCE_TOPIC = "shop.source.topic";
    public static final String SOURCE_PARTITION = "shop.source.partition";
    public static final String SOURCE_OFFSET = "shop.source.offset";
    public static final String SOURCE_TIMESTAMP = "shop.source.timestamp";
    public static final String ERROR_CODE = "shop.error.code";
    public static final String ERROR_MESSAGE = "shop.error.message";
    public static final String SERVICE = "shop.service";

    /** Messages longer than this are cut: a header is metadata, not a log. */
    private static final int MAX_MESSAGE_CHARS = 1000;

    private DeadLetters() {
    }

    /** Where a failed record came from. */
    public record Source(String topic, int partition, long offset, long timestamp) {
    }

    public static Headers headers(Source source, ErrorCode code, String message, String service) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, SOURCE_TOPIC, source.topic());
        add(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
        add(headers, SOURCE_OFFSET, Long.toString(source.offset()));
        add(headers, SOURCE_TIMESTAMP, Long.toString(source.timestamp()));
        add(headers, ERROR_CODE, code.name());
        add(headers, ERROR_MESSAGE, truncate(message == null ? code.name() : message));
        add(headers, SERVICE, service);
        return headers;
    }

    /**
     * As {@link #headers(Source, ErrorCode, String, String)}, with the original record's {@code traceparent} (if
     * any), so that the dead letter is found under the trace that sent it.
     */
    public static Headers headers(Source source, ErrorCode code, String message, String service, Headers original) {
        Headers headers = headers(source, code, message, service);
        var traceparent = original == null ? null : original.lastHeader(Tracing.TRACEPARENT);
        if (traceparent != null && traceparent.value() != null) {
            headers.add(Tracing.TRACEPARENT, traceparent.value());
        }
        return headers;
    }

    /** The text of a header, or null when absent. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }
}
