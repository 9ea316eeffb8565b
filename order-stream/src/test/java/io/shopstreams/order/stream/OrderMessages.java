package io.shopstreams.order.stream;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.Product;

import java.time.Instant;
import java.util.List;

/**
 * Messages for the topology tests: a small catalog, cart events as cart-stream writes them, order commands.
 * Totals are always the sum of the lines, as cart-stream computes them.
 */
final class OrderMessages {
    static final Product MUG = new Product("sku-mug", "Mug", 1299, "EUR", true);
    static final Product TEA = new Product("sku-tea", "Green tea", 450, "EUR", true);
    /** Two of these make exactly {@link OrderDriver#MAX_TOTAL_CENTS}. */
    static final Product LAMP = new Product("sku-lamp", "Lamp", OrderDriver.MAX_TOTAL_CENTS / 2, "EUR", true);
    static final Product RETIRED = new Product("sku-retired", "Old poster", 999, "EUR", false);
    static final List<Product> CATALOG = List.of(MUG, TEA, LAMP, RETIRED);

    static final String CUSTOMER = "customer-7";
    static final String OTHER_CUSTOMER = "customer-8";
    /** When cart-stream decided the checkout: never what an order event carries (that is the record timestamp). */
    static final Instant CHECKOUT_TIME = Instant.parse("2024-04-30T08:00:00Z");

    private OrderMessages() {
    }

    static Line line(Product product, int quantity) {
        return new Line(product.sku(), product.name(), product.priceCents(), quantity);
    }

    /** The eventId cart-stream gave the checkout of this order: the cause of the order's first event. */
    static String checkoutEventId(String orderId) {
        return "checkout-of-" + orderId;
    }

    static CartEvent.CartCheckedOut checkout(String cartId, String orderId, String customerId, Line... lines) {
        long total = 0;
        for (Line line : lines) {
            total += line.lineTotalCents();
        }
        return new CartEvent.CartCheckedOut(checkoutEventId(orderId), cartId, "checkout-cmd-" + orderId, 3,
                CHECKOUT_TIME, CartEvent.SCHEMA_VERSION, orderId, customerId, List.of(lines), total, "EUR");
    }

    /** The cart events order-stream does not act on, one of each type. */
    static List<CartEvent> otherCartEvents(String cartId) {
        return List.of(
                new CartEvent.ItemAdded("e1", cartId, "c1", 1, CHECKOUT_TIME, CartEvent.SCHEMA_VERSION, MUG.sku(),
                        MUG.name(), MUG.priceCents(), MUG.currency(), 1),
                new CartEvent.ItemQuantityChanged("e2", cartId, "c2", 2, CHECKOUT_TIME, CartEvent.SCHEMA_VERSION,
                        MUG.sku(), 3),
                new CartEvent.ItemRemoved("e3", cartId, "c3", 3, CHECKOUT_TIME, CartEvent.SCHEMA_VERSION, MUG.sku()),
                new CartEvent.CartCleared("e4", cartId, "c4", 4, CHECKOUT_TIME, CartEvent.SCHEMA_VERSION),
                new CartEvent.CartReopened("e5", cartId, "e0", 5, CHECKOUT_TIME, CartEvent.SCHEMA_VERSION,
                        "order-9", "PRODUCT_INACTIVE: gone"),
                new CartEvent.CommandRejected("e6", cartId, "c6", 5, CHECKOUT_TIME, CartEvent.SCHEMA_VERSION,
                        "Checkout", "CART_EMPTY", "the cart is empty"));
    }

    // --- order commands (no orderId in the body unless a test says so)

    static OrderCommand.PayOrder pay(String commandId, long amountCents) {
        return new OrderCommand.PayOrder(commandId, null, amountCents, "payment-" + commandId);
    }

    static OrderCommand.ShipOrder ship(String commandId) {
        return new OrderCommand.ShipOrder(commandId, null, "DHL", "track-" + commandId);
    }

    static OrderCommand.DeliverOrder deliver(String commandId) {
        return new OrderCommand.DeliverOrder(commandId, null);
    }

    static OrderCommand.CancelOrder cancel(String commandId) {
        return new OrderCommand.CancelOrder(commandId, null, "changed my mind");
    }
}
