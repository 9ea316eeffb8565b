package io.shopstreams.cart.domain;

import io.shopstreams.events.Line;

import java.util.Objects;

/**
 * One line of a cart: the name and unit price are the catalog's as of the last {@code ItemAdded} for the sku.
 * Immutable; a quantity is always at least 1 (a line with nothing in it is removed, not kept).
 */
public record CartItem(String sku, String name, long unitPriceCents, int quantity) {

    public CartItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        if (unitPriceCents < 0) {
            throw new IllegalArgumentException("unitPriceCents of " + sku + " must not be negative, got " + unitPriceCents);
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity of " + sku + " must be at least 1, got " + quantity);
        }
    }

    /** unitPriceCents x quantity, failing loudly on overflow rather than wrapping. */
    public long lineTotalCents() {
        return Math.multiplyExact(unitPriceCents, (long) quantity);
    }

    /** This item as a checkout line (same sku, name, price and quantity). */
    public Line toLine() {
        return new Line(sku, name, unitPriceCents, quantity);
    }
}
