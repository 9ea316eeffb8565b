package io.shopstreams.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * An event that writes its own JSON: the {@code type} (written by Jackson from the hierarchy's
 * {@code @JsonTypeInfo}), then its components in declaration order, nulls left out, which is what Jackson's bean
 * serializer wrote for the records. That serializer (a reflective call per accessor, the polymorphic type
 * handling, a property writer per field) was 14 % of cart-stream's stream thread in a profile, encoding the
 * events. {@code WritesOwnFieldsTest} holds every event type to the golden samples and to its record components.
 * Decoding stays Jackson's, through the records' canonical constructors.
 */
interface WritesOwnFields extends JsonSerializable {

    /** The fields after {@code type}, in the record's component order. */
    void writeFields(JsonGenerator json) throws IOException;

    @Override
    default void serialize(JsonGenerator json, SerializerProvider serializers) throws IOException {
        json.writeStartObject(this);
        writeFields(json);
        json.writeEndObject();
    }

    @Override
    default void serializeWithType(JsonGenerator json, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        WritableTypeId typeId = typeSer.writeTypePrefix(json, typeSer.typeId(this, JsonToken.START_OBJECT));
        writeFields(json);
        typeSer.writeTypeSuffix(json, typeId);
    }

    /** The six fields every event starts with (docs/contract.md, section 3.5); {@code idName} is its aggregate's. */
    static void common(JsonGenerator json, String eventId, String idName, String aggregateId, String commandId,
                       long version, Instant occurredAt, int schemaVersion) throws IOException {
        text(json, "eventId", eventId);
        text(json, idName, aggregateId);
        text(json, "commandId", commandId);
        json.writeNumberField("version", version);
        if (occurredAt != null) {
            // Instant.toString is ISO_INSTANT, the format of Jackson's InstantSerializer.
            json.writeStringField("occurredAt", occurredAt.toString());
        }
        json.writeNumberField("schemaVersion", schemaVersion);
    }

    static void text(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    static void lines(JsonGenerator json, List<Line> lines) throws IOException {
        if (lines == null) {
            return;
        }
        json.writeArrayFieldStart("lines");
        for (Line line : lines) {
            json.writeStartObject();
            text(json, "sku", line.sku());
            text(json, "name", line.name());
            json.writeNumberField("unitPriceCents", line.unitPriceCents());
            json.writeNumberField("quantity", line.quantity());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
