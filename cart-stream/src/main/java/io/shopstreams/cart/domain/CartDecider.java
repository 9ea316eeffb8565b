package io.shopstreams.cart.domain;

import io.shopstreams.events.Catalog;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cart's rules as pure, deterministic functions: {@code decide} a command against a state, {@code react} to
 * the order saga, {@code evolve} a state by an event. No clock, no randomness, no I/O: time is the caller's
 * record timestamp and ids derive from the command, so replaying a command log yields equal events.
 *
 * <p>Rules are checked in a fixed order, so the code of a command breaking several is predictable:
 * CART_CHECKED_OUT, then quantity range, then catalog, then currency, then line count (then total overflow).
 * Duplicate commandIds are not handled here: remembering decided commands is the caller's job.
 */
public final class CartDecider {
    /** The aggregate type in event id names. */
    public static final String AGGREGATE_TYPE = "cart";
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 999;
    public static final int MAX_LINES = 100;

    private CartDecider() {
    }

    /**
     * Decides one command: exactly one event, either the state-changing event (version = state.version() + 1) or a
     * {@code CommandRejected} (version = state.version()). Never null, never empty.
     *
     * @throws IllegalArgumentException if the command's body names another cart than {@code state}
     */
    public static List<CartEvent> decide(CartCommand command, Cart state, Catalog catalog, Instant occurredAt) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (command.cartId() != null && !command.cartId().equals(state.cartId())) {
            // The topology dead-letters a body naming another cart than its key: reaching here is a bug.
            throw new IllegalArgumentException("command " + command.commandId() + " names cart " + command.cartId()
                    + " but was decided against cart " + state.cartId());
        }
        Decision decision = new Decision(command, state, occurredAt);
        if (state.status() == CartStatus.CHECKED_OUT) {
            return List.of(decision.reject(RejectionCode.CART_CHECKED_OUT, "cart " + state.cartId()
                    + " is checked out as order " + state.orderId() + "; " + decision.commandType()
                    + " is refused unless the order is rejected and the cart reopened"));
        }
        return List.of(decideOpen(command, state, catalog, decision));
    }

    /**
     * The saga's compensation: an {@code OrderRejected} for the order this cart is checked out as reopens it (one
     * {@code CartReopened}, caused by the rejection's eventId). A stale or foreign rejection gives an empty list.
     */
    public static List<CartEvent> react(OrderEvent.OrderRejected rejected, Cart state, Instant occurredAt) {
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(occurredAt, "occurredAt");
        boolean ours = state.cartId().equals(rejected.cartId()) && rejected.orderId().equals(state.orderId());
        if (state.status() != CartStatus.CHECKED_OUT || !ours) {
            return List.of();
        }
        String cartId = state.cartId();
        return List.of(new CartEvent.CartReopened(
                EventIds.eventId(AGGREGATE_TYPE, cartId, rejected.eventId(), 0), cartId, rejected.eventId(),
                state.version() + 1, occurredAt, CartEvent.SCHEMA_VERSION, rejected.orderId(),
                rejected.code() + ": " + rejected.reason()));
    }

    /**
     * Applies one event: pure, never null. A {@code CommandRejected} returns the state unchanged.
     *
     * @throws IllegalStateException if the event cannot apply to the state (a bug, never silently ignored)
     */
    public static Cart evolve(Cart state, CartEvent event) {
        return CartEvolver.evolve(state, event);
    }

    /** The state after applying the events in order to {@link Cart#empty}; the same function replay uses. */
    public static Cart fold(String cartId, Iterable<CartEvent> events) {
        Cart state = Cart.empty(cartId);
        for (CartEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static CartEvent decideOpen(CartCommand command, Cart state, Catalog catalog, Decision decision) {
        if (command instanceof CartCommand.AddItem add) {
            return addItem(add, state, catalog, decision);
        }
        if (command instanceof CartCommand.RemoveItem remove) {
            return removeItem(remove, state, decision);
        }
        if (command instanceof CartCommand.ChangeQuantity change) {
            return changeQuantity(change, state, decision);
        }
        if (command instanceof CartCommand.ClearCart) {
            return clearCart(state, decision);
        }
        if (command instanceof CartCommand.Checkout checkout) {
            return checkout(checkout, state, decision);
        }
        throw new IllegalStateException("unknown cart command type " + command.getClass().getName());
    }

    private static CartEvent addItem(CartCommand.AddItem add, Cart state, Catalog catalog, Decision decision) {
        String sku = add.sku();
        if (!inRange(add.quantity())) {
            return decision.reject(RejectionCode.QUANTITY_OUT_OF_RANGE, outOfRange(add.quantity()));
        }
        Optional<CartItem> existing = state.item(sku);
        int held = existing.map(CartItem::quantity).orElse(0);
        int quantity = held + add.quantity();
        if (quantity > MAX_QUANTITY) {
            return decision.reject(RejectionCode.QUANTITY_OUT_OF_RANGE, "sku " + sku + " already has quantity "
                    + held + "; adding " + add.quantity() + " makes " + quantity + ", outside 1.." + MAX_QUANTITY);
        }
        Optional<Product> found = Objects.requireNonNull(catalog.find(sku), "the catalog answered null for " + sku);
        if (found.isEmpty()) {
            return decision.reject(RejectionCode.PRODUCT_UNKNOWN, "sku " + sku + " is not in the catalog");
        }
        Product product = found.get();
        if (!product.active()) {
            return decision.reject(RejectionCode.PRODUCT_INACTIVE, "sku " + sku + " is inactive in the catalog");
        }
        if (state.currency() != null && !state.currency().equals(product.currency())) {
            return decision.reject(RejectionCode.CURRENCY_MISMATCH, "sku " + sku + " is priced in "
                    + product.currency() + " but cart " + state.cartId() + " holds " + state.currency());
        }
        if (existing.isEmpty() && state.items().size() >= MAX_LINES) {
            return decision.reject(RejectionCode.TOO_MANY_LINES, "cart " + state.cartId() + " already holds "
                    + state.items().size() + " distinct lines, the maximum is " + MAX_LINES);
        }
        // An added line takes the catalog's current price for its whole quantity, not only the added units.
        if (!state.totalFitsWith(sku, product.priceCents(), quantity)) {
            return decision.reject(RejectionCode.TOTAL_OUT_OF_RANGE, totalTooLarge(sku, quantity));
        }
        return new CartEvent.ItemAdded(decision.eventId(), state.cartId(), add.commandId(), decision.nextVersion(),
                decision.occurredAt(), CartEvent.SCHEMA_VERSION, sku, product.name(), product.priceCents(),
                product.currency(), add.quantity());
    }

    private static CartEvent removeItem(CartCommand.RemoveItem remove, Cart state, Decision decision) {
        if (state.item(remove.sku()).isEmpty()) {
            return decision.reject(RejectionCode.ITEM_NOT_IN_CART, notInCart(remove.sku(), state));
        }
        return new CartEvent.ItemRemoved(decision.eventId(), state.cartId(), remove.commandId(),
                decision.nextVersion(), decision.occurredAt(), CartEvent.SCHEMA_VERSION, remove.sku());
    }

    private static CartEvent changeQuantity(CartCommand.ChangeQuantity change, Cart state, Decision decision) {
        if (!inRange(change.quantity())) {
            return decision.reject(RejectionCode.QUANTITY_OUT_OF_RANGE, outOfRange(change.quantity()));
        }
        Optional<CartItem> existing = state.item(change.sku());
        if (existing.isEmpty()) {
            return decision.reject(RejectionCode.ITEM_NOT_IN_CART, notInCart(change.sku(), state));
        }
        if (!state.totalFitsWith(change.sku(), existing.get().unitPriceCents(), change.quantity())) {
            return decision.reject(RejectionCode.TOTAL_OUT_OF_RANGE, totalTooLarge(change.sku(), change.quantity()));
        }
        return new CartEvent.ItemQuantityChanged(decision.eventId(), state.cartId(), change.commandId(),
                decision.nextVersion(), decision.occurredAt(), CartEvent.SCHEMA_VERSION, change.sku(),
                change.quantity());
    }

    private static CartEvent clearCart(Cart state, Decision decision) {
        if (state.items().isEmpty()) {
            return decision.reject(RejectionCode.CART_EMPTY, "cart " + state.cartId() + " has no items to clear");
        }
        return new CartEvent.CartCleared(decision.eventId(), state.cartId(), decision.commandId(),
                decision.nextVersion(), decision.occurredAt(), CartEvent.SCHEMA_VERSION);
    }

    private static CartEvent checkout(CartCommand.Checkout checkout, Cart state, Decision decision) {
        if (state.items().isEmpty()) {
            return decision.reject(RejectionCode.CART_EMPTY, "cart " + state.cartId() + " has no items to check out");
        }
        List<Line> lines = state.items().stream().map(CartItem::toLine).toList();
        return new CartEvent.CartCheckedOut(decision.eventId(), state.cartId(), checkout.commandId(),
                decision.nextVersion(), decision.occurredAt(), CartEvent.SCHEMA_VERSION,
                EventIds.orderIdFor(state.cartId(), checkout.commandId()), checkout.customerId(), lines,
                state.totalCents(), state.currency());
    }

    private static boolean inRange(int quantity) {
        return quantity >= MIN_QUANTITY && quantity <= MAX_QUANTITY;
    }

    private static String outOfRange(int quantity) {
        return "quantity " + quantity + " is outside " + MIN_QUANTITY + ".." + MAX_QUANTITY;
    }

    private static String notInCart(String sku, Cart state) {
        return "sku " + sku + " is not in cart " + state.cartId();
    }

    private static String totalTooLarge(String sku, int quantity) {
        return "quantity " + quantity + " of sku " + sku + " would take the cart total beyond "
                + Long.MAX_VALUE + " minor units";
    }
}
