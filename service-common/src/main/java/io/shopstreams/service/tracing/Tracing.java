package io.shopstreams.service.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * W3C trace context through the services (docs/configuration.md, "Tracing"): a {@code traceparent} from an HTTP
 * POST, or on a record a producer wrote, becomes the parent of the span that decides it, and every event that
 * decision emits carries that span's {@code traceparent}, so one checkout is one trace through cart-stream,
 * order-stream and back. Spans are exported over OTLP only where an endpoint is configured; without one no span
 * is recorded, and a decision's events carry the {@code traceparent} they were caused under unchanged. Log lines
 * written while a record is handled carry its {@code trace_id} and {@code span_id} (MDC).
 */
public final class Tracing implements AutoCloseable {
    /** The key under which the instance's tracing is in the Kafka Streams configuration, for the processors. */
    public static final String CONFIG = "shop.tracing";
    public static final String TRACEPARENT = "traceparent";
    /** No export: the trace context passes through unchanged. */
    public static final Tracing NONE = new Tracing(OpenTelemetry.noop(), () -> { });

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    private static final AttributeKey<String> CAUSE = AttributeKey.stringKey("shop.cause_id");
    private static final AttributeKey<List<String>> EVENTS = AttributeKey.stringArrayKey("shop.events");
    private static final AttributeKey<Boolean> DUPLICATE = AttributeKey.booleanKey("shop.duplicate");

    private final Tracer tracer;
    private final AutoCloseable closer;

    private Tracing(OpenTelemetry telemetry, AutoCloseable closer) {
        this.tracer = telemetry.getTracer("io.shopstreams");
        this.closer = closer;
    }

    /** Spans of {@code service}'s {@code instance} exported to an OTLP/HTTP endpoint, e.g. http://collector:4318. */
    public static Tracing otlp(String service, String instance, String endpoint) {
        return exporting(service, instance, BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint.replaceAll("/+$", "") + "/v1/traces").build()).build());
    }

    /** Every span handed to {@code exporter} as it ends (tests: an in-memory exporter). */
    public static Tracing exportingTo(String service, String instance, SpanExporter exporter) {
        return exporting(service, instance, SimpleSpanProcessor.create(exporter));
    }

    private static Tracing exporting(String service, String instance, SpanProcessor processor) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), service,
                AttributeKey.stringKey("service.instance.id"), instance)));
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource).addSpanProcessor(processor)
                .build();
        return new Tracing(OpenTelemetrySdk.builder().setTracerProvider(provider).build(), provider::close);
    }

    /** The instance's tracing from the Kafka Streams configuration a processor sees; {@link #NONE} without one. */
    public static Tracing from(Map<String, Object> configs) {
        return configs.get(CONFIG) instanceof Tracing tracing ? tracing : NONE;
    }

    /**
     * Starts the span of deciding one record (its {@code traceparent}, if any, the parent), current until
     * closed, and puts the record's position, cause and trace in the logging context meanwhile.
     */
    public Traced decide(Optional<RecordMetadata> position, Headers headers, String name, String key,
                         String causeId) {
        Context parent = W3C.extract(Context.root(), headers, KAFKA_HEADERS);
        var builder = tracer.spanBuilder("decide " + name).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka").setAttribute(OPERATION, "process").setAttribute(KEY, key)
                .setAttribute(CAUSE, causeId);
        position.ifPresent(at -> builder.setAttribute(DESTINATION, at.topic())
                .setAttribute(PARTITION, Integer.toString(at.partition())).setAttribute(OFFSET, at.offset()));
        Span span = builder.startSpan();
        Mdc logged = new Mdc().trace(span);
        position.ifPresent(at -> logged.position(at.topic(), at.partition(), at.offset()));
        logged.put("causeId", causeId);
        return new Traced(span, span.makeCurrent(), logged);
    }

    /**
     * Starts the span of producing a command received over HTTP, child of the caller's {@code traceparent}
     * (null: a new trace); end it with {@link Traced#end(Throwable)} when Kafka answers.
     */
    public Traced send(String topic, String key, String commandId, String traceparent) {
        Context parent = traceparent == null ? Context.root()
                : W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
        Span span = tracer.spanBuilder("send " + topic).setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka").setAttribute(OPERATION, "send").setAttribute(DESTINATION, topic)
                .setAttribute(KEY, key).setAttribute(CAUSE, commandId).startSpan();
        return new Traced(span, null, null);
    }

    /**
     * The logging context of a record handled without a decision (a dead letter): its position and the trace
     * its {@code traceparent} names, until closed.
     */
    public static LogContext logContext(String topic, int partition, long offset, Headers headers) {
        Mdc logged = new Mdc().trace(Span.fromContext(W3C.extract(Context.root(), headers, KAFKA_HEADERS)));
        if (topic != null) {
            logged.position(topic, partition, offset);
        }
        return logged;
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            // Spans not yet exported are lost; nothing else depends on them.
        }
    }

    /** Keys in the logging context, removed on close. */
    public interface LogContext extends AutoCloseable {
        @Override
        void close();
    }

    /** The keys this puts in the logging context, for the thread that handles one record. */
    private static final class Mdc implements LogContext {
        private final List<String> keys = new ArrayList<>();

        Mdc put(String key, String value) {
            MDC.put(key, value);
            keys.add(key);
            return this;
        }

        Mdc trace(Span span) {
            return span.getSpanContext().isValid() ? put("trace_id", span.getSpanContext().getTraceId())
                    .put("span_id", span.getSpanContext().getSpanId()) : this;
        }

        Mdc position(String topic, int partition, long offset) {
            return put("topic", topic).put("partition", Integer.toString(partition))
                    .put("offset", Long.toString(offset));
        }

        @Override
        public void close() {
            keys.forEach(MDC::remove);
        }
    }

    /** A started span: what a record it causes carries, then its end. */
    public static final class Traced implements AutoCloseable {
        private final Span span;
        private final Scope scope;
        private final Mdc logged;

        /** @param scope and {@code logged}: while the span is current on this thread (a decision); else null */
        private Traced(Span span, Scope scope, Mdc logged) {
            this.span = span;
            this.scope = scope;
            this.logged = logged;
        }

        /** The headers of a record this span causes: its {@code traceparent} (none without a valid trace). */
        public Headers headers() {
            RecordHeaders out = new RecordHeaders();
            W3C.inject(Context.root().with(span), out, (carrier, key, value) -> {
                carrier.remove(key);
                carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
            });
            return out;
        }

        /** The events the decision emitted, named by type on a recorded span. */
        public void decided(List<?> events) {
            if (span.isRecording()) {
                span.setAttribute(EVENTS, events.stream().map(event -> event.getClass().getSimpleName()).toList());
            }
        }

        public void duplicate() {
            span.setAttribute(DUPLICATE, true);
        }

        public void end(Throwable failure) {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.getMessage());
            }
            span.end();
        }

        @Override
        public void close() {
            span.end();
            if (scope != null) {
                scope.close();
                logged.close();
            }
        }
    }
}
