package io.shopstreams.cart.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one cart, as folded from its events by {@link CartDecider#evolve}.
 *
 * <p>{@code items} keeps insertion order, is immutable and holds each sku at most once. {@code currency} is null
 * exactly when there are no items. {@code version} counts the state-changing events applied: 0 means the cart
 * does not exist. {@code orderId} is the last checkout's order, or null before the first checkout; it survives a
 * reopen so that the view can still name the rejected order.
 *
 * <p>Stored as JSON by Jackson as a plain record: keep component types plain and add no {@code getX}/{@code isX}
 * methods, which Jackson would write as extra properties.
 */
public record Cart(String cartId, CartStatus status, List<CartItem> items, String currency, long version,
                   String orderId) {

    public Cart {
        Objects.requireNonNull(cartId, "cartId");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (version < 0) {
            throw new IllegalArgumentException("version of cart " + cartId + " must not be negative, got " + version);
        }
        if (items.isEmpty() != (currency == null)) {
            throw new IllegalArgumentException("cart " + cartId + " must have a currency exactly when it has items, got "
                    + items.size() + " items and currency " + currency);
        }
        requireDistinctSkus(cartId, items);
    }

    /** The cart before its first event: OPEN, no items, version 0 (it does not exist yet). */
    public static Cart empty(String cartId) {
        return new Cart(cartId, CartStatus.OPEN, List.of(), null, 0, null);
    }

    /** True once a state-changing event has been applied; a nonexistent cart answers 404. */
    public boolean exists() {
        return version > 0;
    }

    /** The sum of the line totals, failing loudly on overflow (the decider refuses carts that would overflow). */
    public long totalCents() {
        long total = 0;
        for (CartItem item : items) {
            total = Math.addExact(total, item.lineTotalCents());
        }
        return total;
    }

    /** The line for this sku, or empty; never null. */
    public Optional<CartItem> item(String sku) {
        int index = indexOf(sku);
        return index < 0 ? Optional.empty() : Optional.of(items.get(index));
    }

    /** The position of the sku's line in {@code items}, or -1. A linear scan: a cart has at most 100 lines. */
    int indexOf(String sku) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).sku().equals(sku)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the total still fits in a long once the sku's line (new or not) has this price and quantity:
     * the decider refuses a command that would overflow instead of failing on it.
     */
    boolean totalFitsWith(String sku, long unitPriceCents, int quantity) {
        try {
            long total = Math.multiplyExact(unitPriceCents, (long) quantity);
            for (CartItem item : items) {
                if (!item.sku().equals(sku)) {
                    total = Math.addExact(total, item.lineTotalCents());
                }
            }
            return true;
        } catch (ArithmeticException overflow) {
            // Overflow is exactly the answer asked for here, not an error to propagate.
            return false;
        }
    }

    private static void requireDistinctSkus(String cartId, List<CartItem> items) {
        Set<String> skus = new HashSet<>();
        for (CartItem item : items) {
            if (!skus.add(item.sku())) {
                throw new IllegalArgumentException("cart " + cartId + " holds sku " + item.sku() + " twice");
            }
        }
    }
}
