package io.shopstreams.service.stream;

import io.shopstreams.events.ErrorCode;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-letter headers: where a record came from, why it failed, and which service wrote it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeadLettersTest {
    private static final DeadLetters.Source SOURCE = new DeadLetters.Source("cart-commands", 4, 1234L, 1_700_000_000_000L);

    @Test
    void name_the_source_the_error_and_the_service() {
        Headers headers = DeadLetters.headers(SOURCE, ErrorCode.NOT_JSON, "the value is not JSON", "cart-stream");

        assertThat(DeadLetters.header(headers, DeadLetters.SOURCE_TOPIC)).isEqualTo("cart-commands");
        assertThat(DeadLetters.header(headers, DeadLetters.SOURCE_PARTITION)).isEqualTo("4");
        assertThat(DeadLetters.header(headers, DeadLetters.SOURCE_OFFSET)).isEqualTo("1234");
        assertThat(DeadLetters.header(headers, DeadLetters.SOURCE_TIMESTAMP)).isEqualTo("1700000000000");
        assertThat(DeadLetters.header(headers, DeadLetters.ERROR_CODE)).isEqualTo("NOT_JSON");
        assertThat(DeadLetters.header(headers, DeadLetters.ERROR_MESSAGE)).isEqualTo("the value is not JSON");
        assertThat(DeadLetters.header(headers, DeadLetters.SERVICE)).isEqualTo("cart-stream");
        assertThat(headers.toArray()).hasSize(7);
    }

    @Test
    void keep_the_original_records_traceparent_and_nothing_else_of_its_headers() {
        Headers original = new org.apache.kafka.common.header.internals.RecordHeaders()
                .add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes())
                .add("x-other", "y".getBytes());

        Headers headers = DeadLetters.headers(SOURCE, ErrorCode.NOT_JSON, "the value is not JSON", "cart-stream",
                original);

        assertThat(DeadLetters.header(headers, "traceparent"))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(headers.lastHeader("x-other")).isNull();
        assertThat(headers.toArray()).hasSize(8);
        assertThat(DeadLetters.headers(SOURCE, ErrorCode.NOT_JSON, "m", "cart-stream", null).toArray()).hasSize(7);
    }

    @Test
    void use_the_shop_prefix_the_cli_reads() {
        assertThat(new String[] {DeadLetters.SOURCE_TOPIC, DeadLetters.SOURCE_PARTITION, DeadLetters.SOURCE_OFFSET,
                DeadLetters.ERROR_CODE, DeadLetters.ERROR_MESSAGE, DeadLetters.SERVICE})
                .containsExactly("shop.source.topic", "shop.source.partition", "shop.source.offset",
                        "shop.error.code", "shop.error.message", "shop.service");
    }

    @Test
    void cut_a_long_message_to_1000_characters() {
        Headers headers = DeadLetters.headers(SOURCE, ErrorCode.PROCESSING_ERROR, "x".repeat(5000), "cart-stream");

        String message = DeadLetters.header(headers, DeadLetters.ERROR_MESSAGE);
        assertThat(message).hasSize(1000).endsWith("...");
    }

    @Test
    void fall_back_to_the_code_without_a_message() {
        Headers headers = DeadLetters.headers(SOURCE, ErrorCode.PROCESSING_ERROR, null, "cart-stream");

        assertThat(DeadLetters.header(headers, DeadLetters.ERROR_MESSAGE)).isEqualTo("PROCESSING_ERROR");
    }

    @Test
    void keep_non_ascii_text_as_utf_8() {
        Headers headers = DeadLetters.headers(SOURCE, ErrorCode.INVALID_ID, "sku \"tée\" is invalid", "cart-stream");

        assertThat(DeadLetters.header(headers, DeadLetters.ERROR_MESSAGE)).isEqualTo("sku \"tée\" is invalid");
    }

    @Test
    void read_an_absent_header_as_null() {
        assertThat(DeadLetters.header(new RecordHeaders(), DeadLetters.ERROR_CODE)).isNull();
    }
}
