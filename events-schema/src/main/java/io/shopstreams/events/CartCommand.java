package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request to change a cart, on topic {@code cart-commands} keyed by cartId. The body may repeat the
 * {@code cartId}; when it does it must equal the record key. Field values are well-formed (IDs follow the ID
 * rule); whether a command may apply is the decider's business, not the message's.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CartCommand.AddItem.class, name = "AddItem"),
        @JsonSubTypes.Type(value = CartCommand.RemoveItem.class, name = "RemoveItem"),
        @JsonSubTypes.Type(value = CartCommand.ChangeQuantity.class, name = "ChangeQuantity"),
        @JsonSubTypes.Type(value = CartCommand.ClearCart.class, name = "ClearCart"),
        @JsonSubTypes.Type(value = CartCommand.Checkout.class, name = "Checkout")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface CartCommand {

    String commandId();

    /** The cart named in the body, or null when the body leaves it to the record key. */
    String cartId();

    /** This command with the given cartId in its body. */
    CartCommand withCartId(String cartId);

    record AddItem(
            @JsonProperty(required = true) String commandId,
            String cartId,
            @JsonProperty(required = true) String sku,
            @JsonProperty(required = true) int quantity) implements CartCommand {
        public AddItem {
            Fields.id("commandId", commandId);
            Fields.optionalId("cartId", cartId);
            Fields.id("sku", sku);
        }

        @Override
        public AddItem withCartId(String cartId) {
            return new AddItem(commandId, cartId, sku, quantity);
        }
    }

    record RemoveItem(
            @JsonProperty(required = true) String commandId,
            String cartId,
            @JsonProperty(required = true) String sku) implements CartCommand {
        public RemoveItem {
            Fields.id("commandId", commandId);
            Fields.optionalId("cartId", cartId);
            Fields.id("sku", sku);
        }

        @Override
        public RemoveItem withCartId(String cartId) {
            return new RemoveItem(commandId, cartId, sku);
        }
    }

    record ChangeQuantity(
            @JsonProperty(required = true) String commandId,
            String cartId,
            @JsonProperty(required = true) String sku,
            @JsonProperty(required = true) int quantity) implements CartCommand {
        public ChangeQuantity {
            Fields.id("commandId", commandId);
            Fields.optionalId("cartId", cartId);
            Fields.id("sku", sku);
        }

        @Override
        public ChangeQuantity withCartId(String cartId) {
            return new ChangeQuantity(commandId, cartId, sku, quantity);
        }
    }

    record ClearCart(
            @JsonProperty(required = true) String commandId,
            String cartId) implements CartCommand {
        public ClearCart {
            Fields.id("commandId", commandId);
            Fields.optionalId("cartId", cartId);
        }

        @Override
        public ClearCart withCartId(String cartId) {
            return new ClearCart(commandId, cartId);
        }
    }

    record Checkout(
            @JsonProperty(required = true) String commandId,
            String cartId,
            @JsonProperty(required = true) String customerId) implements CartCommand {
        public Checkout {
            Fields.id("commandId", commandId);
            Fields.optionalId("cartId", cartId);
            Fields.id("customerId", customerId);
        }

        @Override
        public Checkout withCartId(String cartId) {
            return new Checkout(commandId, cartId, customerId);
        }
    }
}
