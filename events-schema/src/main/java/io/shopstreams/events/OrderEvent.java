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
 * A fact about one order, on topic {@code order-events} keyed by orderId. Every event carries the common fields of
 * docs/contract.md, section 3.5: {@code eventId}, {@code orderId}, {@code commandId} (of the causing command, or
 * the causing event's id), {@code version} (the order's sequence number after this event), {@code occurredAt}
 * (the input record's timestamp) and {@code schemaVersion}.
 * Every order event also carries the {@code cartId} of the cart it came from (absent only on a rejection of a
 * command for an unknown order), so that cart-stream can follow its order without a lookup.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OrderEvent.OrderPlaced.class, name = "OrderPlaced"),
        @JsonSubTypes.Type(value = OrderEvent.OrderRejected.class, name = "OrderRejected"),
        @JsonSubTypes.Type(value = OrderEvent.OrderPaid.class, name = "OrderPaid"),
        @JsonSubTypes.Type(value = OrderEvent.OrderShipped.class, name = "OrderShipped"),
        @JsonSubTypes.Type(value = OrderEvent.OrderDelivered.class, name = "OrderDelivered"),
        @JsonSubTypes.Type(value = OrderEvent.OrderCancelled.class, name = "OrderCancelled"),
        @JsonSubTypes.Type(value = OrderEvent.CommandRejected.class, name = "CommandRejected")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface OrderEvent {

    /** The schema version this code writes. */
    int SCHEMA_VERSION = 1;

    String eventId();

    String orderId();

    String commandId();

    long version();

    Instant occurredAt();

    int schemaVersion();

    /** The cart this order came from; null only on a {@code CommandRejected} for an unknown order. */
    String cartId();

    record OrderPlaced(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String orderId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String customerId,
            @JsonProperty(required = true) List<Line> lines,
            @JsonProperty(required = true) @Money long totalCents,
            @JsonProperty(required = true) String currency) implements OrderEvent, WritesOwnFields {
        public OrderPlaced {
            Fields.text("eventId", eventId);
            Fields.id("orderId", orderId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("cartId", cartId);
            Fields.id("customerId", customerId);
            lines = Fields.list("lines", lines);
            Fields.currency("currency", currency);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "orderId", orderId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "cartId", cartId);
            WritesOwnFields.text(json, "customerId", customerId);
            WritesOwnFields.lines(json, lines);
            json.writeNumberField("totalCents", totalCents);
            WritesOwnFields.text(json, "currency", currency);
        }
    }

    /** A checkout that could not become an order; cart-stream answers it with {@code CartReopened}. */
    record OrderRejected(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String orderId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String customerId,
            @JsonProperty(required = true) String code,
            @JsonProperty(required = true) String reason) implements OrderEvent, WritesOwnFields {
        public OrderRejected {
            Fields.text("eventId", eventId);
            Fields.id("orderId", orderId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("cartId", cartId);
            Fields.id("customerId", customerId);
            Fields.text("code", code);
            Fields.text("reason", reason);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "orderId", orderId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "cartId", cartId);
            WritesOwnFields.text(json, "customerId", customerId);
            WritesOwnFields.text(json, "code", code);
            WritesOwnFields.text(json, "reason", reason);
        }
    }

    record OrderPaid(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String orderId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) @Money long amountCents,
            @JsonProperty(required = true) String paymentRef) implements OrderEvent, WritesOwnFields {
        public OrderPaid {
            Fields.text("eventId", eventId);
            Fields.id("orderId", orderId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("cartId", cartId);
            Fields.text("paymentRef", paymentRef);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "orderId", orderId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "cartId", cartId);
            json.writeNumberField("amountCents", amountCents);
            WritesOwnFields.text(json, "paymentRef", paymentRef);
        }
    }

    record OrderShipped(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String orderId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String carrier,
            @JsonProperty(required = true) String trackingId) implements OrderEvent, WritesOwnFields {
        public OrderShipped {
            Fields.text("eventId", eventId);
            Fields.id("orderId", orderId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("cartId", cartId);
            Fields.text("carrier", carrier);
            Fields.text("trackingId", trackingId);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "orderId", orderId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "cartId", cartId);
            WritesOwnFields.text(json, "carrier", carrier);
            WritesOwnFields.text(json, "trackingId", trackingId);
        }
    }

    record OrderDelivered(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String orderId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String cartId) implements OrderEvent, WritesOwnFields {
        public OrderDelivered {
            Fields.text("eventId", eventId);
            Fields.id("orderId", orderId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("cartId", cartId);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "orderId", orderId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "cartId", cartId);
        }
    }

    record OrderCancelled(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String orderId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) String cartId,
            @JsonProperty(required = true) String reason) implements OrderEvent, WritesOwnFields {
        public OrderCancelled {
            Fields.text("eventId", eventId);
            Fields.id("orderId", orderId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.id("cartId", cartId);
            Fields.text("reason", reason);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "orderId", orderId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "cartId", cartId);
            WritesOwnFields.text(json, "reason", reason);
        }
    }

    /** A command that broke a rule. It changes no state: {@code version} is the one it was decided against (0 for an unknown order, whose cartId is then absent). */
    record CommandRejected(
            @JsonProperty(required = true) String eventId,
            @JsonProperty(required = true) String orderId,
            @JsonProperty(required = true) String commandId,
            @JsonProperty(required = true) long version,
            @JsonProperty(required = true) Instant occurredAt,
            @JsonProperty(required = true) int schemaVersion,
            String cartId,
            @JsonProperty(required = true) String commandType,
            @JsonProperty(required = true) String code,
            @JsonProperty(required = true) String reason) implements OrderEvent, WritesOwnFields {
        public CommandRejected {
            Fields.text("eventId", eventId);
            Fields.id("orderId", orderId);
            Fields.id("commandId", commandId);
            Fields.present("occurredAt", occurredAt);
            Fields.optionalId("cartId", cartId);
            Fields.text("commandType", commandType);
            Fields.text("code", code);
            Fields.text("reason", reason);
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            WritesOwnFields.common(json, eventId, "orderId", orderId, commandId, version, occurredAt, schemaVersion);
            WritesOwnFields.text(json, "cartId", cartId);
            WritesOwnFields.text(json, "commandType", commandType);
            WritesOwnFields.text(json, "code", code);
            WritesOwnFields.text(json, "reason", reason);
        }
    }
}
