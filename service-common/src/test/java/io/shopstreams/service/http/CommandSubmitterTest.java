package io.shopstreams.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.events.CartCommand;
import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.service.aggregate.CommandChannel;
import io.shopstreams.events.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code POST /carts/{cartId}/commands} at the HTTP edge, with Kafka's {@link MockProducer} standing in for the
 * producer: what is produced, and what the client is answered.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommandSubmitterTest {
    private static final CommandChannel<CartCommand> CART_COMMANDS =
            new CommandChannel<>("cart", Topics.CART_COMMANDS, JsonCodec.CART_COMMANDS, CartCommand::cartId);
    private static final String CART = "cart-1";
    private static final String ADD = "{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":2}";

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final CommandSubmitter<CartCommand> submitter =
            new CommandSubmitter<>(producer, CART_COMMANDS);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse submit(String cartId, String body) throws Exception {
        return submitter.submit(cartId, utf8(body)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static JsonNode json(HttpResponse response) throws Exception {
        return JsonCodec.mapper().readTree(response.body());
    }

    @Nested
    class A_valid_command {

        @Test
        void is_produced_keyed_by_the_cart_with_a_generated_command_id_and_answered_202() throws Exception {
            HttpResponse response = submit(CART, ADD);

            assertThat(response.status()).isEqualTo(202);
            String commandId = json(response).get("commandId").asText();
            assertThat(UUID.fromString(commandId)).isNotNull();
            assertThat(json(response).get("type").asText()).isEqualTo("AddItem");

            assertThat(producer.history()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(Topics.CART_COMMANDS.name());
                assertThat(record.key()).isEqualTo(CART);
                assertThat(JsonCodec.CART_COMMANDS.decode(record.value()))
                        .isEqualTo(new CartCommand.AddItem(commandId, null, "sku-mug", 2));
            });
        }

        @Test
        void keeps_the_command_id_it_was_given() throws Exception {
            HttpResponse response = submit(CART, "{\"type\":\"ClearCart\",\"commandId\":\"my-id-1\"}");

            assertThat(json(response).get("commandId").asText()).isEqualTo("my-id-1");
            assertThat(JsonCodec.CART_COMMANDS.decode(producer.history().get(0).value()))
                    .isEqualTo(new CartCommand.ClearCart("my-id-1", null));
        }

        @Test
        void gets_a_new_command_id_on_each_post_without_one() throws Exception {
            String first = json(submit(CART, ADD)).get("commandId").asText();
            String second = json(submit(CART, ADD)).get("commandId").asText();

            assertThat(second).isNotEqualTo(first);
        }

        @Test
        void may_name_its_cart_in_the_body() throws Exception {
            HttpResponse response = submit(CART, ADD.replace("{", "{\"cartId\":\"cart-1\","));

            assertThat(response.status()).isEqualTo(202);
        }
    }

    @Nested
    class A_body_that_cannot_be_a_command {

        static Stream<Arguments> badBodies() {
            return Stream.of(
                    arguments("", ErrorCode.EMPTY_VALUE),
                    arguments("add a mug", ErrorCode.NOT_JSON),
                    arguments("{\"type\":\"AddItem\"", ErrorCode.NOT_JSON),
                    arguments("[1, 2]", ErrorCode.NOT_AN_OBJECT),
                    arguments("{\"sku\":\"sku-mug\",\"quantity\":2}", ErrorCode.MISSING_TYPE),
                    arguments("{\"type\":\"AddItems\",\"sku\":\"sku-mug\",\"quantity\":2}", ErrorCode.UNKNOWN_TYPE),
                    arguments("{\"type\":\"AddItem\",\"quantity\":2}", ErrorCode.MISSING_FIELD),
                    arguments("{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":\"2\"}",
                            ErrorCode.WRONG_FIELD_TYPE),
                    arguments("{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":2.5}",
                            ErrorCode.WRONG_FIELD_TYPE),
                    arguments("{\"type\":\"AddItem\",\"commandId\":7,\"sku\":\"sku-mug\",\"quantity\":2}",
                            ErrorCode.WRONG_FIELD_TYPE),
                    arguments("{\"type\":\"AddItem\",\"sku\":\"sku mug\",\"quantity\":2}", ErrorCode.INVALID_ID));
        }

        @ParameterizedTest(name = "{1}: {0}")
        @MethodSource("badBodies")
        void is_answered_400_with_the_codec_s_code_and_not_produced(String body, ErrorCode code) {
            assertThatThrownBy(() -> submitter.submit(CART, utf8(body)))
                    .isInstanceOfSatisfying(BadRequestException.class, bad -> {
                        assertThat(bad.status()).isEqualTo(400);
                        assertThat(bad.code()).isEqualTo(code.name());
                        assertThat(bad.getMessage()).isNotBlank();
                    });
            assertThat(producer.history()).isEmpty();
        }

        @Test
        void naming_another_cart_is_answered_400_key_mismatch() {
            assertThatThrownBy(() -> submitter.submit(CART, utf8(ADD.replace("{", "{\"cartId\":\"cart-2\","))))
                    .isInstanceOfSatisfying(BadRequestException.class, bad -> {
                        assertThat(bad.status()).isEqualTo(400);
                        assertThat(bad.code()).isEqualTo(ErrorCode.KEY_MISMATCH.name());
                    });
            assertThat(producer.history()).isEmpty();
        }

        @Test
        void over_64_kib_is_answered_413() {
            String large = ADD.replace("}", ",\"note\":\"" + "x".repeat(JsonCodec.MAX_PAYLOAD_BYTES) + "\"}");

            assertThatThrownBy(() -> submitter.submit(CART, utf8(large)))
                    .isInstanceOfSatisfying(BadRequestException.class, bad -> {
                        assertThat(bad.status()).isEqualTo(413);
                        assertThat(bad.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE.name());
                    });
            assertThat(producer.history()).isEmpty();
        }

        @Test
        void for_a_cart_id_that_breaks_the_id_rule_is_answered_400_invalid_id() {
            assertThatThrownBy(() -> submitter.submit("cart 1", utf8(ADD)))
                    .isInstanceOfSatisfying(BadRequestException.class, bad -> {
                        assertThat(bad.status()).isEqualTo(400);
                        assertThat(bad.code()).isEqualTo("INVALID_ID");
                    });
        }
    }

    @Nested
    class When_kafka_does_not_take_the_command {

        @Test
        void it_is_answered_503_with_retry_after_once_the_send_fails() throws Exception {
            MockProducer<String, byte[]> manual =
                    new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
            var submitting = new CommandSubmitter<>(manual, CART_COMMANDS);

            CompletableFuture<HttpResponse> answer = submitting.submit(CART, utf8(ADD)).toCompletableFuture();
            assertThat(answer).as("answered only once Kafka has decided").isNotDone();
            manual.errorNext(new TimeoutException("Expiring 1 record(s) for cart-commands-3"));

            HttpResponse response = answer.get(5, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.headers()).containsEntry("Retry-After", "1");
            assertThat(json(response).get("error").asText()).isEqualTo("KAFKA_UNAVAILABLE");
        }

        @Test
        void it_is_answered_503_when_the_producer_refuses_at_once() throws Exception {
            producer.sendException = new KafkaException("the producer is closed");

            HttpResponse response = submit(CART, ADD);

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.headers()).containsEntry("Retry-After", "1");
            assertThat(json(response).get("error").asText()).isEqualTo("KAFKA_UNAVAILABLE");
        }

        @Test
        void it_is_answered_202_once_the_send_succeeds() throws Exception {
            MockProducer<String, byte[]> manual =
                    new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
            var submitting = new CommandSubmitter<>(manual, CART_COMMANDS);

            CompletableFuture<HttpResponse> answer = submitting.submit(CART, utf8(ADD)).toCompletableFuture();
            manual.completeNext();

            assertThat(answer.get(5, TimeUnit.SECONDS).status()).isEqualTo(202);
            assertThat(manual.history()).extracting(ProducerRecord::key).containsExactly(CART);
        }
    }
}
