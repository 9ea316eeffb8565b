package io.shopstreams.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;

/**
 * Reads an {@link Instant} from an ISO-8601 string only. Jackson's own deserializer also takes a JSON number
 * as epoch seconds, which would let {@code "occurredAt":1700000000} through and re-encode it as a different
 * value; the contract says ISO-8601, and the codec coerces nothing. A string that is no instant is a malformed
 * value ({@link ErrorCode#INVALID_FIELD}), not a wrong type.
 */
final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {
    StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getText();
        Instant canonical = CanonicalInstants.parse(text);
        if (canonical != null) {
            return canonical;
        }
        try {
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        } catch (InvalidFormatException e) {
            // The record's own field name; JacksonErrors puts the enclosing path in front of it.
            String field = parser.currentName();
            throw new InvalidMessageException(ErrorCode.INVALID_FIELD, field,
                    field + " must be an ISO-8601 instant such as 2026-11-26T12:00:00Z, got "
                            + Fields.abbreviate(TextNode.valueOf(text).toString()));
        }
    }
}
