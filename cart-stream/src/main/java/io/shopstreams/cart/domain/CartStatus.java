package io.shopstreams.cart.domain;

/** Where a cart stands in its life: it takes item commands only while OPEN. */
public enum CartStatus {
    /** Accepts item commands, ClearCart and Checkout. */
    OPEN,
    /** Checked out: refuses every command until an {@code OrderRejected} reopens it. */
    CHECKED_OUT
}
