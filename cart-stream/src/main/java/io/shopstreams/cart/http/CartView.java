package io.shopstreams.cart.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartItem;
import io.shopstreams.cart.domain.CartOrder;

import java.io.IOException;

/**
 * The JSON shape of {@code GET /carts/{cartId}} (docs/contract.md, section 4), written field by field: built as
 * nested maps for Jackson to walk, the view and its serialization were a sixth of a GET's CPU in a profile.
 */
final class CartView extends JsonSerializable.Base {
    /** The cart has checked out but order-stream has not answered yet. */
    static final String ORDER_PENDING = "PENDING";

    private final Cart cart;
    private final CartOrder latestOrder;

    private CartView(Cart cart, CartOrder latestOrder) {
        this.cart = cart;
        this.latestOrder = latestOrder;
    }

    static CartView of(Cart cart, CartOrder latestOrder) {
        return new CartView(cart, latestOrder);
    }

    @Override
    public void serialize(JsonGenerator json, SerializerProvider serializers) throws IOException {
        json.writeStartObject();
        json.writeStringField("cartId", cart.cartId());
        json.writeStringField("status", cart.status().name());
        json.writeArrayFieldStart("items");
        for (CartItem item : cart.items()) {
            json.writeStartObject();
            json.writeStringField("sku", item.sku());
            json.writeStringField("name", item.name());
            json.writeNumberField("unitPriceCents", item.unitPriceCents());
            json.writeNumberField("quantity", item.quantity());
            json.writeNumberField("lineTotalCents", item.lineTotalCents());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("totalCents", cart.totalCents());
        json.writeStringField("currency", cart.currency());
        json.writeNumberField("version", cart.version());
        json.writeFieldName("order");
        if (cart.orderId() == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            json.writeStringField("orderId", cart.orderId());
            boolean known = latestOrder != null && latestOrder.orderId().equals(cart.orderId());
            json.writeStringField("status", known ? latestOrder.status().name() : ORDER_PENDING);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator json, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(json, serializers);
    }
}
