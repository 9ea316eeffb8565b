package io.shopstreams.cart.domain;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Line;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@link CartDecider#evolve}: applies one event to a cart, pure. It checks what makes an event
 * applicable at all (its cart, its version, the status, the sku's presence, the currency) and fails loudly
 * otherwise. It does not re-check the decider's limits (quantity range, line count): those are policy at
 * decision time, and events decided under an older policy must still replay.
 */
final class CartEvolver {

    private CartEvolver() {
    }

    static Cart evolve(Cart state, CartEvent event) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        if (!event.cartId().equals(state.cartId())) {
            throw cannotApply(state, event, "it belongs to cart " + event.cartId());
        }
        if (event instanceof CartEvent.CommandRejected) {
            return state;
        }
        if (event.version() != state.version() + 1) {
            throw cannotApply(state, event, "a state-changing event must carry version " + (state.version() + 1));
        }
        if (event instanceof CartEvent.ItemAdded added) {
            return itemAdded(state, added);
        }
        if (event instanceof CartEvent.ItemRemoved removed) {
            return itemRemoved(state, removed);
        }
        if (event instanceof CartEvent.ItemQuantityChanged changed) {
            return quantityChanged(state, changed);
        }
        if (event instanceof CartEvent.CartCleared cleared) {
            requireStatus(state, cleared, CartStatus.OPEN);
            return new Cart(state.cartId(), CartStatus.OPEN, List.of(), null, cleared.version(), state.orderId());
        }
        if (event instanceof CartEvent.CartCheckedOut checkedOut) {
            return checkedOut(state, checkedOut);
        }
        if (event instanceof CartEvent.CartReopened reopened) {
            return reopened(state, reopened);
        }
        throw new IllegalStateException("unknown cart event type " + event.getClass().getName());
    }

    private static Cart itemAdded(Cart state, CartEvent.ItemAdded added) {
        requireStatus(state, added, CartStatus.OPEN);
        requirePositive(state, added, added.quantity());
        if (state.currency() != null && !state.currency().equals(added.currency())) {
            throw cannotApply(state, added, "its currency " + added.currency() + " is not the cart's "
                    + state.currency());
        }
        List<CartItem> items = new ArrayList<>(state.items());
        int index = state.indexOf(added.sku());
        if (index < 0) {
            items.add(new CartItem(added.sku(), added.name(), added.unitPriceCents(), added.quantity()));
        } else {
            // The line takes the event's (the catalog's current) name and price, and adds the quantity.
            int quantity = Math.addExact(items.get(index).quantity(), added.quantity());
            items.set(index, new CartItem(added.sku(), added.name(), added.unitPriceCents(), quantity));
        }
        return new Cart(state.cartId(), CartStatus.OPEN, items, added.currency(), added.version(), state.orderId());
    }

    private static Cart itemRemoved(Cart state, CartEvent.ItemRemoved removed) {
        requireStatus(state, removed, CartStatus.OPEN);
        int index = requireItem(state, removed, removed.sku());
        List<CartItem> items = new ArrayList<>(state.items());
        items.remove(index);
        // The last line gone, the cart holds no currency any more: the next item may bring another one.
        String currency = items.isEmpty() ? null : state.currency();
        return new Cart(state.cartId(), CartStatus.OPEN, items, currency, removed.version(), state.orderId());
    }

    private static Cart quantityChanged(Cart state, CartEvent.ItemQuantityChanged changed) {
        requireStatus(state, changed, CartStatus.OPEN);
        int index = requireItem(state, changed, changed.sku());
        requirePositive(state, changed, changed.quantity());
        List<CartItem> items = new ArrayList<>(state.items());
        CartItem item = items.get(index);
        items.set(index, new CartItem(item.sku(), item.name(), item.unitPriceCents(), changed.quantity()));
        return new Cart(state.cartId(), CartStatus.OPEN, items, state.currency(), changed.version(), state.orderId());
    }

    private static Cart checkedOut(Cart state, CartEvent.CartCheckedOut checkedOut) {
        requireStatus(state, checkedOut, CartStatus.OPEN);
        List<Line> lines = state.items().stream().map(CartItem::toLine).toList();
        if (lines.isEmpty() || !lines.equals(checkedOut.lines())
                || !checkedOut.currency().equals(state.currency())) {
            throw cannotApply(state, checkedOut, "its lines and currency are not the cart's " + lines + " in "
                    + state.currency());
        }
        // The items stay: an OrderRejected reopens the cart with them.
        return new Cart(state.cartId(), CartStatus.CHECKED_OUT, state.items(), state.currency(),
                checkedOut.version(), checkedOut.orderId());
    }

    private static Cart reopened(Cart state, CartEvent.CartReopened reopened) {
        requireStatus(state, reopened, CartStatus.CHECKED_OUT);
        if (!reopened.orderId().equals(state.orderId())) {
            throw cannotApply(state, reopened, "it reopens order " + reopened.orderId() + " but the cart is checked"
                    + " out as order " + state.orderId());
        }
        return new Cart(state.cartId(), CartStatus.OPEN, state.items(), state.currency(), reopened.version(),
                state.orderId());
    }

    private static void requireStatus(Cart state, CartEvent event, CartStatus expected) {
        if (state.status() != expected) {
            throw cannotApply(state, event, "it needs a cart that is " + expected);
        }
    }

    private static int requireItem(Cart state, CartEvent event, String sku) {
        int index = state.indexOf(sku);
        if (index < 0) {
            throw cannotApply(state, event, "sku " + sku + " is not in the cart");
        }
        return index;
    }

    private static void requirePositive(Cart state, CartEvent event, int quantity) {
        if (quantity < 1) {
            throw cannotApply(state, event, "quantity " + quantity + " is not positive");
        }
    }

    private static IllegalStateException cannotApply(Cart state, CartEvent event, String why) {
        return new IllegalStateException("cannot apply " + event.getClass().getSimpleName() + " " + event.eventId()
                + " (version " + event.version() + ", command " + event.commandId() + ") to cart " + state.cartId()
                + " at version " + state.version() + " (" + state.status() + "): " + why);
    }
}
