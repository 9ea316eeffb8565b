package io.shopstreams.service.http;

import io.shopstreams.service.tracing.Tracing;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopstreams.events.Fields;
import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.service.aggregate.CommandChannel;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /{aggregates}/{id}/commands}: checks that the body is a valid command for that aggregate, gives it
 * a commandId when it has none, and produces it to the command topic keyed by the aggregate id. Answers 202
 * with the commandId once Kafka has acknowledged the record; 400 with the codec's error code for a body that
 * cannot be a command; 503 when Kafka does not take it.
 */
public final class CommandSubmitter<C> {
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final JsonCodec<C> codec;
    private final String aggregateField;
    private final Tracing tracing;

    public CommandSubmitter(Producer<String, byte[]> producer, CommandChannel<C> channel) {
        this(producer, channel, Tracing.NONE);
    }

    /** @param tracing where the span of each send goes; the record carries its {@code traceparent} */
    public CommandSubmitter(Producer<String, byte[]> producer, CommandChannel<C> channel, Tracing tracing) {
        this.tracing = tracing;
        this.producer = producer;
        this.topic = channel.topic().name();
        this.codec = channel.codec();
        this.aggregateField = channel.idField();
    }

    public CompletionStage<HttpResponse> submit(String aggregateId, byte[] body) {
        return submit(aggregateId, body, null);
    }

    /** @param traceparent the caller's W3C trace context (its {@code traceparent} header), or null */
    public CompletionStage<HttpResponse> submit(String aggregateId, byte[] body, String traceparent) {
        return send(aggregateId, prepare(aggregateId, body), traceparent);
    }

    /** A command checked and given its commandId, ready to send. */
    public record Prepared<C>(byte[] bytes, C command, String commandId) {
    }

    /** @throws BadRequestException 400 for a body that is not a valid command for {@code aggregateId} */
    public Prepared<C> prepare(String aggregateId, byte[] body) {
        requireId(aggregateField, aggregateId);
        ObjectNode command;
        try {
            command = JsonCodec.parseObject(body);
        } catch (InvalidMessageException e) {
            throw invalid(e);
        }
        if (!command.hasNonNull("commandId")) {
            // The HTTP edge, not the decider: a fresh id here is what makes a retried POST a new command.
            command.put("commandId", UUID.randomUUID().toString());
        }
        byte[] bytes = command.toString().getBytes(StandardCharsets.UTF_8);
        C decoded;
        try {
            decoded = codec.decode(bytes);
        } catch (InvalidMessageException e) {
            throw invalid(e);
        }
        if (command.hasNonNull(aggregateField) && !command.get(aggregateField).asText().equals(aggregateId)) {
            throw new BadRequestException("KEY_MISMATCH",
                    "the body's " + aggregateField + " differs from the " + aggregateField + " in the path");
        }
        return new Prepared<>(bytes, decoded, command.get("commandId").asText());
    }

    /**
     * Produces {@code prepared}: 202 with its commandId once Kafka has it, 503 when Kafka does not take it.
     *
     * @param traceparent the caller's W3C trace context, or null
     */
    public CompletionStage<HttpResponse> send(String aggregateId, Prepared<C> prepared, String traceparent) {
        byte[] bytes = prepared.bytes();
        C decoded = prepared.command();
        String commandId = prepared.commandId();
        CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
        Tracing.Traced span = tracing.send(topic, aggregateId, commandId, traceparent);
        answer.whenComplete((response, failure) -> span.end(response != null && response.status() >= 500
                ? new IllegalStateException(new String(response.body(), StandardCharsets.UTF_8)) : failure));
        try {
            producer.send(new ProducerRecord<>(topic, null, aggregateId, bytes, span.headers()), (metadata, failure) -> {
                if (failure != null) {
                    answer.complete(unavailable(failure));
                } else {
                    answer.complete(HttpResponse.json(202, Map.of("commandId", commandId,
                            "type", decoded.getClass().getSimpleName())));
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            // The client refuses some sends at once instead of through the callback (a KafkaException, or an
            // IllegalStateException once closed): Kafka did not take the command either way.
            answer.complete(unavailable(e));
        }
        return answer;
    }

    private static HttpResponse unavailable(Exception failure) {
        return HttpResponse.error(503, "KAFKA_UNAVAILABLE", "the command was not accepted by Kafka: "
                + failure.getMessage()).withHeader("Retry-After", "1");
    }

    /** @throws BadRequestException 400 INVALID_ID unless {@code value} follows the ID rule */
    public static String requireId(String name, String value) {
        if (!Fields.isValidId(value)) {
            throw new BadRequestException("INVALID_ID", name + " must be 1-64 characters of [A-Za-z0-9._:-]");
        }
        return value;
    }

    private static BadRequestException invalid(InvalidMessageException e) {
        int status = e.code() == io.shopstreams.events.ErrorCode.PAYLOAD_TOO_LARGE ? 413 : 400;
        return new BadRequestException(status, e.code().name(), e.getMessage());
    }
}
