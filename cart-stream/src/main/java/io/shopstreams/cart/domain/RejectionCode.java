package io.shopstreams.cart.domain;

/**
 * Why a cart command was refused: the {@code code} of a {@code CommandRejected} event. The names are part of
 * the product contract: they never change meaning and are only ever added to.
 */
public enum RejectionCode {
    /** A quantity outside 1..999, including an AddItem that would take an existing line above 999. */
    QUANTITY_OUT_OF_RANGE,
    /** AddItem of a sku the catalog does not know (never published, or deleted). */
    PRODUCT_UNKNOWN,
    /** AddItem of a sku the catalog marks inactive. */
    PRODUCT_INACTIVE,
    /** AddItem of a new sku into a cart that already holds 100 distinct lines. */
    TOO_MANY_LINES,
    /** AddItem of a product priced in another currency than the one the cart holds. */
    CURRENCY_MISMATCH,
    /** RemoveItem or ChangeQuantity of a sku that is not in the cart. */
    ITEM_NOT_IN_CART,
    /** Checkout or ClearCart of a cart with no items, including a cart that does not exist. */
    CART_EMPTY,
    /** Any item command, ClearCart or Checkout while the cart is CHECKED_OUT. */
    CART_CHECKED_OUT,
    /** AddItem or ChangeQuantity that would take the cart's total beyond what a long of minor units can hold. */
    TOTAL_OUT_OF_RANGE
}
