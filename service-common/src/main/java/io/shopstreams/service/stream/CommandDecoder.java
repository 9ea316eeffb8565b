package io.shopstreams.service.stream;

import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.Fields;
import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Turns a raw command record into a {@link Decoded}: the key must be a valid aggregate id, the value a valid
 * command whose body names the same aggregate or none. Never throws for bad input: every failure becomes a
 * {@link Decoded.Error} with a stable code, so that no record is lost and the service never stops on input.
 */
public final class CommandDecoder<C> extends ContextualFixedKeyProcessor<byte[], byte[], Decoded<KeyedCommand<C>>> {
    private final JsonCodec<C> codec;
    private final Function<C, String> bodyAggregateId;
    private final String aggregateField;

    /**
     * @param bodyAggregateId the aggregate id the command body names, or null when it names none
     * @param aggregateField  the body field that names it, for messages ("cartId", "orderId")
     */
    public CommandDecoder(JsonCodec<C> codec, Function<C, String> bodyAggregateId, String aggregateField) {
        this.codec = codec;
        this.bodyAggregateId = bodyAggregateId;
        this.aggregateField = aggregateField;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        context().forward(record.withValue(decode(record.key(), record.value(), source(record))));
    }

    /** The decoding rules, free of any processor context so that they are testable alone. */
    public Decoded<KeyedCommand<C>> decode(byte[] rawKey, byte[] rawValue, DeadLetters.Source source) {
        String key;
        try {
            key = decodeKey(rawKey);
        } catch (InvalidMessageException e) {
            return Decoded.invalid(new Decoded.Error(e.code(), e.getMessage(), rawKey, rawValue, source));
        }
        C command;
        try {
            command = codec.decode(rawValue);
        } catch (InvalidMessageException e) {
            return Decoded.invalid(new Decoded.Error(e.code(), e.getMessage(), rawKey, rawValue, source));
        }
        String named = bodyAggregateId.apply(command);
        if (named != null && !named.equals(key)) {
            return Decoded.invalid(new Decoded.Error(ErrorCode.KEY_MISMATCH,
                    "the body's " + aggregateField + " \"" + named + "\" differs from the record key \"" + key + "\"",
                    rawKey, rawValue, source));
        }
        return Decoded.valid(new KeyedCommand<>(key, command));
    }

    private DeadLetters.Source source(FixedKeyRecord<byte[], byte[]> record) {
        var meta = context().recordMetadata();
        return new DeadLetters.Source(
                meta.map(m -> m.topic()).orElse("unknown"),
                meta.map(m -> m.partition()).orElse(-1),
                meta.map(m -> m.offset()).orElse(-1L),
                record.timestamp());
    }

    private static String decodeKey(byte[] rawKey) {
        if (rawKey == null || rawKey.length == 0) {
            throw new InvalidMessageException(ErrorCode.MISSING_KEY, "the record has no key; the key is the aggregate id");
        }
        String key;
        try {
            key = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rawKey))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMessageException(ErrorCode.INVALID_KEY, "the record key is not UTF-8");
        }
        if (!Fields.isValidId(key)) {
            throw new InvalidMessageException(ErrorCode.INVALID_KEY,
                    "the record key must be 1-64 characters of [A-Za-z0-9._:-]");
        }
        return key;
    }
}
