package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A fact about one cart, on topic {@code cart-events} keyed by cartId. Every event carries the common fields of
 * docs/contract.md, section 3.5: {@code eventId}, {@code cartId}, {@code commandId} (of the causing command, or
 * the causing event's id), {@code version} (the cart's sequence number after this event), {@code occurredAt} (the input
 * record's timestamp) and {@code schemaVersion}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CartEvent.ItemAdded.class, name = "ItemAdded"),
        @JsonSubTypes.Type(value = CartEvent.ItemRemoved.class, name = "ItemRemoved"),
        @JsonSubTypes.Type(value = CartEvent.ItemQuantityChanged.class, name = "ItemQuantityChanged"),
        @JsonSubTypes.Type(value = CartEvent.CartCleared.class, name = "CartCleared"),
        @JsonSubTypes.Type(value = CartEvent.CartCheckedOut.class, name = "CartCheckedOut"),
        @JsonSubTypes.Type(value = CartEvent.CartReopened.class, name = "CartReopened"),
        @JsonSubTypes.Type(value = CartEvent.CommandRejected.class, name = "CommandRejected")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface CartEvent {

    /** The schema version this code writes. */
    int SCHEMA_VERSION = 1;

    String eventId();

    String cartId();

    String commandId();

    long version();

    Instant occurredAt();

    int schemaVersion();

    record ItemAdded(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String sku,
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) @Money long unitPriceCents,
            @JsonProperty(required = true) String currency,
            @JsonProperty(required = true) int quantity) implements CartEvent, WritesOwnFields {
        public ItemAdded {
            Fields.text("eventId", eventId);
            Fields.id("cartId", cartId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("sku", sku);
            Fields.text("name", name);
            Fields.currency("currency", currency);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "cartId", cartId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "sku", sku);
            WritesOwnFields.text(json, "name", name);
            json.writeNumberField("unitPriceCents", unitPriceCents);
            WritesOwnFields.text(json, "currency", currency);
            json.writeNumberField("quantity", quantity);
        }
    }

    record ItemRemoved(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String sku) implements CartEvent, WritesOwnFields {
        public ItemRemoved {
            Fields.text("eventId", eventId);
            Fields.id("cartId", cartId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("sku", sku);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "cartId", cartId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "sku", sku);
        }
    }

    record ItemQuantityChanged(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String sku,
            @JsonProperty(required = true) int quantity) implements CartEvent, WritesOwnFields {
        public ItemQuantityChanged {
            Fields.text("eventId", eventId);
            Fields.id("cartId", cartId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("sku", sku);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "cartId", cartId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "sku", sku);
            json.writeNumberField("quantity", quantity);
        }
    }

    record CartCleared(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion) implements CartEvent, WritesOwnFields {
        public CartCleared {
            Fields.text("eventId", eventId);
            Fields.id("cartId", cartId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "cartId", cartId, commandId, version, occurredAt, schemaVersion);
        }
    }

    record CartCheckedOut(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String orderId,
            @JsonProperty(required = true) String customerId,
            @JsonProperty(required = true) List<Line> lines,
            @JsonProperty(required = true) @Money long totalCents,
            @JsonProperty(required = true) String currency) implements CartEvent, WritesOwnFields {
        public CartCheckedOut {
            Fields.text("eventId", eventId);
            Fields.id("cartId", cartId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("orderId", orderId);
            Fields.id("customerId", customerId);
            lines = Fields.list("lines", lines);
            Fields.currency("currency", currency);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "cartId", cartId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "orderId", orderId);
            WritesOwnFields.text(json, "customerId", customerId);
            WritesOwnFields.lines(json, lines);
            json.writeNumberField("totalCents", totalCents);
            WritesOwnFields.text(json, "currency", currency);
        }
    }

    /** The saga's compensation: the order for this cart was rejected, so its items are back and it is OPEN. */
    record CartReopened(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String orderId,
            @JsonProperty(required = true) String reason) implements CartEvent, WritesOwnFields {
        public CartReopened {
            Fields.text("eventId", eventId);
            Fields.id("cartId", cartId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("orderId", orderId);
            Fields.text("reason", reason);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "cartId", cartId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "orderId", orderId);
            WritesOwnFields.text(json, "reason", reason);
        }
    }

    /** A command that broke a rule. It changes no state: {@code version} is the one it was decided against. */
    record CommandRejected(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String commandType,
            @JsonProperty(required = true) String code,
            @JsonProperty(required = true) String reason) implements CartEvent, WritesOwnFields {
        public CommandRejected {
            Fields.text("eventId", eventId);
            Fields.id("cartId", cartId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.text("commandType", commandType);
            Fields.text("code", code);
            Fields.text("reason", reason);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "cartId", cartId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "commandType", commandType);
            WritesOwnFields.text(json, "code", code);
            WritesOwnFields.text(json, "reason", reason);
        }
    }
}
