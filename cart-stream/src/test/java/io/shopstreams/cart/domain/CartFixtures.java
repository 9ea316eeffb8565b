package io.shopstreams.cart.domain;

import io.shopstreams.events.Catalog;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Small, clock-free fixtures: a catalog, command and event builders with the ids the decider derives. */
final class CartFixtures {
    static final String CART = "cart-1";
    static final String CUSTOMER = "customer-7";
    /** Every decision in these tests happens at this record timestamp: no clock involved. */
    static final Instant AT = Instant.parse("2024-05-01T10:15:30Z");

    static final Product APPLE = new Product("apple", "Apple", 120, "EUR", true);
    static final Product PEAR = new Product("pear", "Pear", 95, "EUR", true);
    static final Product PLUM = new Product("plum", "Plum", 80, "EUR", false);
    static final Product HAT = new Product("hat", "Hat", 1500, "USD", true);
    static final Catalog CATALOG = catalog(APPLE, PEAR, PLUM, HAT);

    private CartFixtures() {
    }

    static Catalog catalog(Product... products) {
        Map<String, Product> bySku = new HashMap<>();
        for (Product product : products) {
            bySku.put(product.sku(), product);
        }
        return sku -> Optional.ofNullable(bySku.get(sku));
    }

    /** A catalog where every sku exists, active, at 100 EUR cents: for carts with many lines. */
    static Catalog everySku() {
        return sku -> Optional.of(new Product(sku, "Item " + sku, 100, "EUR", true));
    }

    // --- commands (no cartId in the body: the record key names the cart)

    static CartCommand.AddItem addItem(String commandId, String sku, int quantity) {
        return new CartCommand.AddItem(commandId, null, sku, quantity);
    }

    static CartCommand.RemoveItem removeItem(String commandId, String sku) {
        return new CartCommand.RemoveItem(commandId, null, sku);
    }

    static CartCommand.ChangeQuantity changeQuantity(String commandId, String sku, int quantity) {
        return new CartCommand.ChangeQuantity(commandId, null, sku, quantity);
    }

    static CartCommand.ClearCart clearCart(String commandId) {
        return new CartCommand.ClearCart(commandId, null);
    }

    static CartCommand.Checkout checkout(String commandId) {
        return new CartCommand.Checkout(commandId, null, CUSTOMER);
    }

    // --- given / when

    /** Given these events, the cart of {@link #CART}. */
    static Cart given(CartEvent... events) {
        return CartDecider.fold(CART, Arrays.asList(events));
    }

    /** Given these commands, each of which must be accepted: the events they decided, in order. */
    static List<CartEvent> history(Catalog catalog, CartCommand... commands) {
        Cart state = Cart.empty(CART);
        List<CartEvent> events = new ArrayList<>();
        for (CartCommand command : commands) {
            List<CartEvent> decided = CartDecider.decide(command, state, catalog, AT);
            assertThat(decided).as("given command %s", command).singleElement()
                    .isNotInstanceOf(CartEvent.CommandRejected.class);
            state = CartDecider.evolve(state, decided.get(0));
            events.addAll(decided);
        }
        return events;
    }

    /** Given these commands, each accepted against {@link #CATALOG}: the resulting cart. */
    static Cart after(CartCommand... commands) {
        return CartDecider.fold(CART, history(CATALOG, commands));
    }

    static List<CartEvent> when(CartCommand command, Cart state) {
        return CartDecider.decide(command, state, CATALOG, AT);
    }

    // --- events, as the decider builds them for CART at AT

    static String eventIdOf(String causeId) {
        return EventIds.eventId("cart", CART, causeId, 0);
    }

    static CartEvent.ItemAdded itemAdded(String commandId, long version, Product product, int quantity) {
        return new CartEvent.ItemAdded(eventIdOf(commandId), CART, commandId, version, AT, CartEvent.SCHEMA_VERSION,
                product.sku(), product.name(), product.priceCents(), product.currency(), quantity);
    }

    static CartEvent.ItemRemoved itemRemoved(String commandId, long version, String sku) {
        return new CartEvent.ItemRemoved(eventIdOf(commandId), CART, commandId, version, AT, CartEvent.SCHEMA_VERSION,
                sku);
    }

    static CartEvent.ItemQuantityChanged quantityChanged(String commandId, long version, String sku, int quantity) {
        return new CartEvent.ItemQuantityChanged(eventIdOf(commandId), CART, commandId, version, AT,
                CartEvent.SCHEMA_VERSION, sku, quantity);
    }

    static CartEvent.CartCleared cartCleared(String commandId, long version) {
        return new CartEvent.CartCleared(eventIdOf(commandId), CART, commandId, version, AT, CartEvent.SCHEMA_VERSION);
    }

    static CartEvent.CartCheckedOut checkedOut(String commandId, long version, long totalCents, String currency,
                                               Line... lines) {
        return new CartEvent.CartCheckedOut(eventIdOf(commandId), CART, commandId, version, AT,
                CartEvent.SCHEMA_VERSION, EventIds.orderIdFor(CART, commandId), CUSTOMER, List.of(lines), totalCents,
                currency);
    }

    static CartEvent.CartReopened reopened(String causeEventId, long version, String orderId, String reason) {
        return new CartEvent.CartReopened(eventIdOf(causeEventId), CART, causeEventId, version, AT,
                CartEvent.SCHEMA_VERSION, orderId, reason);
    }

    static CartEvent.CommandRejected rejected(String commandId, long version, String commandType, RejectionCode code,
                                              String reason) {
        return new CartEvent.CommandRejected(eventIdOf(commandId), CART, commandId, version, AT,
                CartEvent.SCHEMA_VERSION, commandType, code.name(), reason);
    }

    static Line line(Product product, int quantity) {
        return new Line(product.sku(), product.name(), product.priceCents(), quantity);
    }

    // --- order events (as order-stream would publish them)

    static OrderEvent.OrderRejected orderRejected(String eventId, String orderId, String cartId) {
        return new OrderEvent.OrderRejected(eventId, orderId, "cmd-order", 1, AT, OrderEvent.SCHEMA_VERSION, cartId,
                "cust-1", "PRODUCT_INACTIVE", "sku apple is inactive");
    }

    // --- assertions

    /** Then: exactly one CommandRejected with this code, decided against this version. */
    static CartEvent.CommandRejected assertRejected(List<CartEvent> events, RejectionCode code, long version) {
        assertThat(events).singleElement().isInstanceOf(CartEvent.CommandRejected.class);
        CartEvent.CommandRejected rejected = (CartEvent.CommandRejected) events.get(0);
        assertThat(rejected.code()).isEqualTo(code.name());
        assertThat(rejected.version()).isEqualTo(version);
        return rejected;
    }
}
