package io.shopstreams.service.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopstreams.events.ErrorCode;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology's own dead-letter step: forwards the original bytes with the error in headers. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeadLetterWriterTest {

    @Test
    void forwards_the_original_key_and_value_with_the_error_in_headers() {
        byte[] key = {(byte) 0xC3, (byte) 0x28};
        byte[] value = "not json".getBytes(StandardCharsets.UTF_8);
        var source = new DeadLetters.Source("cart-commands", 1, 9L, 1_700_000_000_000L);
        var context = new MockProcessorContext<byte[], byte[]>();
        var writer = new DeadLetterWriter<byte[], String>("cart-stream");
        writer.init(context);

        writer.process(new Record<>(key, Decoded.invalid(
                new Decoded.Error(ErrorCode.INVALID_KEY, "the record key is not UTF-8", key, value, source)),
                1_700_000_000_000L));

        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            Record<? extends byte[], ? extends byte[]> letter = forward.record();
            assertThat(letter.key()).isSameAs(key);
            assertThat(letter.value()).isSameAs(value);
            assertThat(letter.timestamp()).isEqualTo(1_700_000_000_000L);
            assertThat(DeadLetters.header(letter.headers(), DeadLetters.ERROR_CODE)).isEqualTo("INVALID_KEY");
            assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("9");
            assertThat(DeadLetters.header(letter.headers(), DeadLetters.SERVICE)).isEqualTo("cart-stream");
        });
    }

    @Test
    void counts_each_dead_letter_by_code_on_the_registry_passed_in_the_streams_config() {
        var registry = new SimpleMeterRegistry();
        var config = new Properties();
        config.put(DeadLetterMetrics.REGISTRY_CONFIG, registry);
        var context = new MockProcessorContext<byte[], byte[]>(config);
        var writer = new DeadLetterWriter<byte[], String>("cart-stream");
        writer.init(context);
        var source = new DeadLetters.Source("cart-commands", 0, 1L, 0L);

        for (ErrorCode code : new ErrorCode[]{ErrorCode.NOT_JSON, ErrorCode.NOT_JSON, ErrorCode.UNKNOWN_TYPE}) {
            writer.process(new Record<>(new byte[0], Decoded.invalid(
                    new Decoded.Error(code, "bad", new byte[0], new byte[0], source)), 0L));
        }

        assertThat(registry.get("shop_dead_letters_total").tags("code", "NOT_JSON", "service", "cart-stream")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("shop_dead_letters_total").tags("code", "UNKNOWN_TYPE").counter().count())
                .isEqualTo(1);
    }
}
