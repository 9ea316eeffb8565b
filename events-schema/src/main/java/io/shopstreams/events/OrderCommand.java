package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request to move an order through its lifecycle, on topic {@code order-commands} keyed by orderId. The body
 * may repeat the {@code orderId}; when it does it must equal the record key.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OrderCommand.PayOrder.class, name = "PayOrder"),
        @JsonSubTypes.Type(value = OrderCommand.ShipOrder.class, name = "ShipOrder"),
        @JsonSubTypes.Type(value = OrderCommand.DeliverOrder.class, name = "DeliverOrder"),
        @JsonSubTypes.Type(value = OrderCommand.CancelOrder.class, name = "CancelOrder")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface OrderCommand {

    String commandId();

    /** The order named in the body, or null when the body leaves it to the record key. */
    String orderId();

    /** This command with the given orderId in its body. */
    OrderCommand withOrderId(String orderId);

    record PayOrder(
            @JsonProperty(required = true) String commandId,
            String orderId,
            @JsonProperty(required = true) @Money long amountCents,
            @JsonProperty(required = true) String paymentRef) implements OrderCommand {
        public PayOrder {
            Fields.id("commandId", commandId);
            Fields.optionalId("orderId", orderId);
            Fields.text("paymentRef", paymentRef);
        }

        @Override
        public PayOrder withOrderId(String orderId) {
            return new PayOrder(commandId, orderId, amountCents, paymentRef);
        }
    }

    record ShipOrder(
            @JsonProperty(required = true) String commandId,
            String orderId,
            @JsonProperty(required = true) String carrier,
            @JsonProperty(required = true) String trackingId) implements OrderCommand {
        public ShipOrder {
            Fields.id("commandId", commandId);
            Fields.optionalId("orderId", orderId);
            Fields.text("carrier", carrier);
            Fields.text("trackingId", trackingId);
        }

        @Override
        public ShipOrder withOrderId(String orderId) {
            return new ShipOrder(commandId, orderId, carrier, trackingId);
        }
    }

    record DeliverOrder(
            @JsonProperty(required = true) String commandId,
            String orderId) implements OrderCommand {
        public DeliverOrder {
            Fields.id("commandId", commandId);
            Fields.optionalId("orderId", orderId);
        }

        @Override
        public DeliverOrder withOrderId(String orderId) {
            return new DeliverOrder(commandId, orderId);
        }
    }

    record CancelOrder(
            @JsonProperty(required = true) String commandId,
            String orderId,
            @JsonProperty(required = true) String reason) implements OrderCommand {
        public CancelOrder {
            Fields.id("commandId", commandId);
            Fields.optionalId("orderId", orderId);
            Fields.text("reason", reason);
        }

        @Override
        public CancelOrder withOrderId(String orderId) {
            return new CancelOrder(commandId, orderId, reason);
        }
    }
}
