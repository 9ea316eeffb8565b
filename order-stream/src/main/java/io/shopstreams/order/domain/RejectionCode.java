package io.shopstreams.order.domain;

/**
 * Why a checkout did not become an order (the {@code code} of an {@code OrderRejected}) or why an order command
 * was refused (the {@code code} of a {@code CommandRejected}). The names are part of the product contract: they
 * never change meaning and are only ever added to.
 */
public enum RejectionCode {
    // --- placement (OrderRejected)

    /** A line's product is inactive, or gone from the catalog, at the moment the order is placed. */
    PRODUCT_INACTIVE,
    /** The checkout's total exceeds the configured maximum ({@link OrderPolicy#maxTotalCents()}). */
    TOTAL_TOO_HIGH,

    // --- lifecycle (CommandRejected)

    /** A command for an order that does not exist. */
    ORDER_NOT_FOUND,
    /** Any command for an order that was rejected at placement. */
    ORDER_REJECTED,
    /** A command whose text field (paymentRef, carrier, trackingId, reason) is blank. */
    INVALID_FIELD,
    /** A command the order's status does not allow, e.g. ShipOrder before PayOrder or CancelOrder after shipping. */
    INVALID_TRANSITION,
    /** PayOrder whose amountCents is not the order's totalCents. */
    AMOUNT_MISMATCH
}
