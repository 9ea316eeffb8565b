package io.shopstreams.cart.http;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of {@code GET /carts/{cartId}} (docs/contract.md, section 4). */
final class CartView {
    /** The cart has checked out but order-stream has not answered yet. */
    static final String ORDER_PENDING = "PENDING";

    private CartView() {
    }

    static Map<String, Object> of(Cart cart, CartOrder latestOrder) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("cartId", cart.cartId());
        view.put("status", cart.status().name());
        List<Map<String, Object>> items = cart.items().stream().map(item -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", item.sku());
            line.put("name", item.name());
            line.put("unitPriceCents", item.unitPriceCents());
            line.put("quantity", item.quantity());
            line.put("lineTotalCents", item.lineTotalCents());
            return line;
        }).toList();
        view.put("items", items);
        view.put("totalCents", cart.totalCents());
        view.put("currency", cart.currency());
        view.put("version", cart.version());
        view.put("order", order(cart, latestOrder));
        return view;
    }

    private static Map<String, Object> order(Cart cart, CartOrder latestOrder) {
        if (cart.orderId() == null) {
            return null;
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", cart.orderId());
        boolean known = latestOrder != null && latestOrder.orderId().equals(cart.orderId());
        order.put("status", known ? latestOrder.status().name() : ORDER_PENDING);
        return order;
    }
}
