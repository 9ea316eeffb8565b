package io.shopstreams.cart.stream;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;

import java.time.Instant;
import java.util.List;

/** Messages for the topology tests: a small catalog, cart commands, and order events as order-stream writes them. */
final class CartMessages {
    static final Product MUG = new Product("sku-mug", "Mug", 1299, "EUR", true);
    static final Product TEA = new Product("sku-tea", "Green tea", 450, "EUR", true);
    static final Product RETIRED = new Product("sku-retired", "Old poster", 999, "EUR", false);
    static final Product HAT = new Product("sku-hat", "Hat", 2500, "USD", true);
    /** Three of these overflow a long of minor units. */
    static final Product YACHT = new Product("sku-yacht", "Yacht", Long.MAX_VALUE / 2, "EUR", true);
    static final List<Product> CATALOG = List.of(MUG, TEA, RETIRED, HAT, YACHT);

    static final String CUSTOMER = "customer-7";
    private static final Instant ORDER_TIME = Instant.parse("2026-11-26T11:00:00Z");

    private CartMessages() {
    }

    // --- cart commands (no cartId in the body unless a test says so)

    static CartCommand.AddItem addItem(String commandId, String sku, int quantity) {
        return new CartCommand.AddItem(commandId, null, sku, quantity);
    }

    static CartCommand.ChangeQuantity changeQuantity(String commandId, String sku, int quantity) {
        return new CartCommand.ChangeQuantity(commandId, null, sku, quantity);
    }

    static CartCommand.RemoveItem removeItem(String commandId, String sku) {
        return new CartCommand.RemoveItem(commandId, null, sku);
    }

    static CartCommand.ClearCart clearCart(String commandId) {
        return new CartCommand.ClearCart(commandId, null);
    }

    static CartCommand.Checkout checkout(String commandId) {
        return new CartCommand.Checkout(commandId, null, CUSTOMER);
    }

    // --- order events, keyed by orderId on order-events

    static OrderEvent.OrderPlaced orderPlaced(String orderId, String cartId) {
        return new OrderEvent.OrderPlaced("placed-" + orderId, orderId, "cause-" + orderId, 1, ORDER_TIME,
                OrderEvent.SCHEMA_VERSION, cartId, CUSTOMER, List.of(new Line(MUG.sku(), MUG.name(),
                MUG.priceCents(), 1)), MUG.priceCents(), MUG.currency());
    }

    static OrderEvent.OrderRejected orderRejected(String orderId, String cartId) {
        return new OrderEvent.OrderRejected("rejected-" + orderId, orderId, "cause-" + orderId, 1, ORDER_TIME,
                OrderEvent.SCHEMA_VERSION, cartId, "cust-1", "PRODUCT_INACTIVE", "sku-mug is inactive");
    }

    static OrderEvent.OrderPaid orderPaid(String orderId, String cartId) {
        return new OrderEvent.OrderPaid("paid-" + orderId, orderId, "pay-" + orderId, 2, ORDER_TIME,
                OrderEvent.SCHEMA_VERSION, cartId, MUG.priceCents(), "payment-1");
    }

    static OrderEvent.OrderShipped orderShipped(String orderId, String cartId) {
        return new OrderEvent.OrderShipped("shipped-" + orderId, orderId, "ship-" + orderId, 3, ORDER_TIME,
                OrderEvent.SCHEMA_VERSION, cartId, "DHL", "track-1");
    }

    static OrderEvent.OrderDelivered orderDelivered(String orderId, String cartId) {
        return new OrderEvent.OrderDelivered("delivered-" + orderId, orderId, "deliver-" + orderId, 4, ORDER_TIME,
                OrderEvent.SCHEMA_VERSION, cartId);
    }

    static OrderEvent.OrderCancelled orderCancelled(String orderId, String cartId) {
        return new OrderEvent.OrderCancelled("cancelled-" + orderId, orderId, "cancel-" + orderId, 2, ORDER_TIME,
                OrderEvent.SCHEMA_VERSION, cartId, "changed my mind");
    }

    /** A refused order command; {@code cartId} is null when the order is unknown. */
    static OrderEvent.CommandRejected orderCommandRejected(String orderId, String cartId) {
        return new OrderEvent.CommandRejected("refused-" + orderId, orderId, "ship-too-early", 1, ORDER_TIME,
                OrderEvent.SCHEMA_VERSION, cartId, "ShipOrder", "ORDER_NOT_PAID", "order is not paid");
    }
}
