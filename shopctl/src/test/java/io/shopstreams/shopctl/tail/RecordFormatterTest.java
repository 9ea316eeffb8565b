package io.shopstreams.shopctl.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.shopstreams.events.ErrorCode;
import io.shopstreams.service.stream.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordFormatterTest {

    private static ConsumerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ConsumerRecord<>(topic, 3, 17, bytes(key), bytes(value));
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void printsPartitionOffsetKeyAndTheValueReEncodedCompactly() {
        String pretty = "{\n  \"type\" : \"AddItem\",\n  \"sku\" : \"mug\",\n  \"quantity\" : 2,\n  \"commandId\" : \"c-1\"\n}";

        assertThat(RecordFormatter.format(ProjectTopic.CART_COMMANDS, record("cart-commands", "cart-1", pretty)))
                .isEqualTo("3@17 cart-1 {\"type\":\"AddItem\",\"commandId\":\"c-1\",\"sku\":\"mug\",\"quantity\":2}");
    }

    @Test
    void printsAnUndecodableValueAsRawTextWithItsErrorCodeOnOneLine() {
        assertThat(RecordFormatter.format(ProjectTopic.CART_COMMANDS, record("cart-commands", "cart-1", "oops\nnot json")))
                .isEqualTo("3@17 cart-1 oops\\nnot json [undecodable: NOT_JSON]");
    }

    @Test
    void namesTheCodeOfAValueOfTheWrongTopic() {
        String orderCommand = "{\"type\":\"DeliverOrder\",\"commandId\":\"c-1\"}";

        assertThat(RecordFormatter.format(ProjectTopic.CART_COMMANDS, record("cart-commands", "cart-1", orderCommand)))
                .endsWith(orderCommand + " [undecodable: " + ErrorCode.UNKNOWN_TYPE + "]");
    }

    @Test
    void showsAProductTombstoneAndANullKey() {
        assertThat(RecordFormatter.format(ProjectTopic.PRODUCTS, record("products", "mug", null)))
                .isEqualTo("3@17 mug (tombstone)");
        assertThat(RecordFormatter.format(ProjectTopic.CART_EVENTS, record("cart-events", null, null)))
                .isEqualTo("3@17 (null) (null) [undecodable: EMPTY_VALUE]");
    }

    @Test
    void showsADeadLetterWithTheErrorFromItsHeaders() {
        ConsumerRecord<byte[], byte[]> deadLetter = record("dead-letters", "cart-1", "{\"type\":\"Nope\"}");
        DeadLetters.headers(new DeadLetters.Source("cart-commands", 2, 41, 0L), ErrorCode.UNKNOWN_TYPE,
                "unknown type \"Nope\" for CartCommand", "cart-stream").forEach(deadLetter.headers()::add);

        assertThat(RecordFormatter.format(ProjectTopic.DEAD_LETTERS, deadLetter)).isEqualTo(
                "3@17 cart-1 {\"type\":\"Nope\"} | code=UNKNOWN_TYPE source=cart-commands-2@41 service=cart-stream"
                        + " message=\"unknown type \\\"Nope\\\" for CartCommand\"");
    }

    @Test
    void showsADeadLetterWithoutHeadersWithDashes() {
        assertThat(RecordFormatter.format(ProjectTopic.DEAD_LETTERS, record("dead-letters", null, "x")))
                .isEqualTo("3@17 (null) x | code=- source=---@- service=- message=\"\"");
    }

    @Test
    void escapesControlCharactersSoThatARecordIsOneLine() {
        assertThat(RecordFormatter.escape("a\tb\r\nc\u0000d\u2028e")).isEqualTo("a\\tb\\r\\nc\\u0000d\\u2028e");
    }
}
