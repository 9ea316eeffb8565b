package io.shopstreams.service.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TracingTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE + "-" + CALLER + "-01";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Tracing tracing = Tracing.exportingTo("cart-stream", "cart-0", exporter);

    @AfterEach
    void close() {
        tracing.close();
        MDC.clear();
    }

    @Test
    void a_decision_is_a_child_of_the_records_traceparent_and_what_it_causes_carries_the_decisions_span() {
        String caused;
        try (Tracing.Traced traced = tracing.decide(Optional.of(at("cart-commands", 3, 42)), traceparent(TRACEPARENT),
                "AddItem", "cart-1", "add-1")) {
            assertThat(MDC.getCopyOfContextMap()).containsEntry("trace_id", TRACE).containsEntry("topic", "cart-commands")
                    .containsEntry("partition", "3").containsEntry("offset", "42").containsEntry("causeId", "add-1");
            traced.decided(List.of(new ItemAdded()));
            caused = value(traced.headers());
        }

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("decide AddItem");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(CALLER);
        assertThat(caused).startsWith("00-" + TRACE + "-" + span.getSpanId() + "-");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))).isEqualTo("cart-commands");
        assertThat(span.getAttributes().get(AttributeKey.longKey("messaging.kafka.offset"))).isEqualTo(42L);
        assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("shop.events"))).containsExactly("ItemAdded");
        assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("cart-stream");
        assertThat(MDC.getCopyOfContextMap()).as("the logging context is the record's only while it is handled")
                .isNullOrEmpty();
    }

    @Test
    void a_record_without_a_traceparent_starts_a_trace() {
        String caused;
        try (Tracing.Traced traced = tracing.decide(Optional.empty(), new RecordHeaders(), "AddItem", "cart-1", "add-1")) {
            caused = value(traced.headers());
        }

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(caused).matches("00-" + span.getTraceId() + "-" + span.getSpanId() + "-0[13]");
    }

    @Test
    void an_http_send_is_a_producer_span_under_the_callers_trace_and_fails_with_kafka() {
        Tracing.Traced sent = tracing.send("cart-commands", "cart-1", "add-1", TRACEPARENT);
        String carried = value(sent.headers());
        sent.end(new IllegalStateException("Kafka is away"));

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("send cart-commands");
        assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(span.getParentSpanId()).isEqualTo(CALLER);
        assertThat(span.getStatus().getDescription()).isEqualTo("Kafka is away");
        assertThat(carried).startsWith("00-" + TRACE + "-" + span.getSpanId() + "-");
    }

    @Test
    void without_an_exporter_the_trace_context_passes_through_unchanged() {
        try (Tracing.Traced traced = Tracing.NONE.decide(Optional.empty(), traceparent(TRACEPARENT), "AddItem",
                "cart-1", "add-1")) {
            assertThat(value(traced.headers())).isEqualTo(TRACEPARENT);
            assertThat(MDC.get("trace_id")).isEqualTo(TRACE);
        }
        try (Tracing.Traced traced = Tracing.NONE.decide(Optional.empty(), new RecordHeaders(), "AddItem", "cart-1",
                "add-1")) {
            assertThat(traced.headers().lastHeader(Tracing.TRACEPARENT)).as("no trace, no header").isNull();
        }
        assertThat(Tracing.from(Map.of())).isSameAs(Tracing.NONE);
        assertThat(Tracing.from(Map.of(Tracing.CONFIG, tracing))).isSameAs(tracing);
    }

    @Test
    void a_dead_letters_log_context_names_its_position_and_the_callers_trace() {
        try (Tracing.LogContext ignored = Tracing.logContext("cart-commands", 1, 7, traceparent(TRACEPARENT))) {
            assertThat(MDC.getCopyOfContextMap()).containsEntry("topic", "cart-commands").containsEntry("partition", "1")
                    .containsEntry("offset", "7").containsEntry("trace_id", TRACE).containsEntry("span_id", CALLER);
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
        assertThat(exporter.getFinishedSpanItems()).as("no span of its own").isEmpty();
    }

    /** An event, as the span names it: by its type. */
    private record ItemAdded() {
    }

    private static Headers traceparent(String value) {
        return new RecordHeaders().add(Tracing.TRACEPARENT, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String value(Headers headers) {
        return new String(headers.lastHeader(Tracing.TRACEPARENT).value(), StandardCharsets.UTF_8);
    }

    private static RecordMetadata at(String topic, int partition, long offset) {
        return new RecordMetadata() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return partition;
            }

            @Override
            public long offset() {
                return offset;
            }
        };
    }
}
