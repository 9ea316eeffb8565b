package io.shopstreams.service.stream;

import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.InvalidMessageException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Streams-level safety net: what it answers Kafka Streams for deserialization and processing failures. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeadLetterExceptionHandlerTest {
    private static final byte[] KEY = "order-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{oops".getBytes(StandardCharsets.UTF_8);
    private static final long TIMESTAMP = 1_700_000_000_000L;

    private final DeadLetterExceptionHandler handler = new DeadLetterExceptionHandler();

    /** The context Kafka Streams hands the handler: where the failed record was read. */
    private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId,
                           TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue)
            implements ErrorHandlerContext {
    }

    private static Context context(TaskId task) {
        return new Context("order-events", 2, 77L, new RecordHeaders(), "order-events-source", task, TIMESTAMP,
                KEY, VALUE);
    }

    private static ConsumerRecord<byte[], byte[]> consumed() {
        return new ConsumerRecord<>("order-events", 2, 77L, KEY, VALUE);
    }

    @BeforeEach
    void configure() {
        handler.configure(Map.of(DeadLetterExceptionHandler.SERVICE_CONFIG, "cart-stream"));
    }

    @Test
    void resumes_after_a_record_that_cannot_be_deserialized_with_one_dead_letter_of_its_original_bytes() {
        var response = handler.handleError(context(new TaskId(1, 2)), consumed(),
                new InvalidMessageException(ErrorCode.NOT_JSON, "the value is not JSON"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(DeadLetters.TOPIC);
            assertThat(letter.partition()).isNull();
            assertThat(letter.key()).isSameAs(KEY);
            assertThat(letter.value()).isSameAs(VALUE);
            assertThat(letter.timestamp()).isEqualTo(TIMESTAMP);
            assertHeaders(letter, ErrorCode.NOT_JSON, "the value is not JSON");
        });
    }

    @Test
    void codes_a_deserialization_failure_that_is_not_ours_as_a_processing_error() {
        var response = handler.handleError(context(new TaskId(0, 0)), consumed(),
                new SerializationException("size of data received is not 8"));

        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(letter -> assertHeaders(letter, ErrorCode.PROCESSING_ERROR, "size of data received is not 8"));
    }

    @Test
    void skips_a_global_store_record_without_a_dead_letter_which_the_global_thread_cannot_write() {
        var response = handler.handleError(context(new TaskId(-1, -1)), consumed(),
                new InvalidMessageException(ErrorCode.INVALID_MONEY, "priceCents must be an integer"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void resumes_after_a_processing_failure_with_the_source_record_s_bytes_as_a_dead_letter() {
        var response = handler.handleError(context(new TaskId(1, 2)), new Record<>("order-1", "decoded", TIMESTAMP),
                new IllegalStateException("a bug"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isSameAs(KEY);
            assertThat(letter.value()).isSameAs(VALUE);
            assertHeaders(letter, ErrorCode.PROCESSING_ERROR, "a bug");
        });
    }

    @Test
    void names_the_exception_class_when_it_has_no_message() {
        var response = handler.handleError(context(new TaskId(1, 2)), new Record<>("k", "v", TIMESTAMP),
                new NullPointerException());

        List<ProducerRecord<byte[], byte[]>> letters = response.deadLetterQueueRecords();
        assertThat(DeadLetters.header(letters.get(0).headers(), DeadLetters.ERROR_MESSAGE))
                .isEqualTo(NullPointerException.class.getName());
    }

    @Test
    void names_an_unknown_service_when_not_configured() {
        var response = new DeadLetterExceptionHandler().handleError(context(new TaskId(0, 0)), consumed(),
                new InvalidMessageException(ErrorCode.NOT_JSON, "not JSON"));

        assertThat(DeadLetters.header(response.deadLetterQueueRecords().get(0).headers(), DeadLetters.SERVICE))
                .isEqualTo("unknown");
    }

    @Test
    void counts_each_dead_letter_by_code_on_the_registry_passed_in_the_streams_config() {
        var registry = new SimpleMeterRegistry();
        var counting = new DeadLetterExceptionHandler();
        counting.configure(Map.of(DeadLetterExceptionHandler.SERVICE_CONFIG, "order-stream",
                DeadLetterMetrics.REGISTRY_CONFIG, registry));

        counting.handleError(context(new TaskId(0, 0)), consumed(),
                new InvalidMessageException(ErrorCode.NOT_JSON, "not JSON"));
        counting.handleError(context(new TaskId(0, 0)), new Record<>("k", "v", TIMESTAMP), new IllegalStateException());
        counting.handleError(context(new TaskId(0, 0)), new Record<>("k", "v", TIMESTAMP), new IllegalStateException());

        assertThat(registry.get(DeadLetterMetrics.NAME).tags("code", "NOT_JSON", "service", "order-stream")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(DeadLetterMetrics.NAME).tags("code", "PROCESSING_ERROR").counter().count())
                .isEqualTo(2);
    }

    private static void assertHeaders(ProducerRecord<byte[], byte[]> letter, ErrorCode code, String message) {
        Headers headers = letter.headers();
        assertThat(DeadLetters.header(headers, DeadLetters.ERROR_CODE)).isEqualTo(code.name());
        assertThat(DeadLetters.header(headers, DeadLetters.ERROR_MESSAGE)).isEqualTo(message);
        assertThat(DeadLetters.header(headers, DeadLetters.SOURCE_TOPIC)).isEqualTo("order-events");
        assertThat(DeadLetters.header(headers, DeadLetters.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(DeadLetters.header(headers, DeadLetters.SOURCE_OFFSET)).isEqualTo("77");
        assertThat(DeadLetters.header(headers, DeadLetters.SERVICE)).isEqualTo("cart-stream");
    }
}
