package io.shopstreams.order.domain;

import io.shopstreams.events.Line;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one order, as folded from its events by {@link OrderDecider#evolve}: what
 * {@code GET /orders/{orderId}} shows.
 *
 * <p>{@code version} counts the state-changing events applied: 0 means the order does not exist, and then
 * {@code status}, {@code cartId} and {@code placedAt} are null. An existing order always has a status, a cartId
 * and a {@code placedAt} (the timestamp of its {@code OrderPlaced}, or of its {@code OrderRejected}).
 *
 * <p>A REJECTED order holds only what {@code OrderRejected} carries: its cartId, its customerId and the rejection's
 * code and reason; {@code currency} is null, {@code lines} empty and {@code totalCents} 0. The
 * details of later steps ({@code paymentRef}, {@code carrier}/{@code trackingId}, {@code cancelReason}) are null
 * until the step happens, and kept afterwards (a cancelled paid order still shows its paymentRef).
 *
 * <p>Stored as JSON by Jackson as a plain record: keep component types plain and add no {@code getX}/{@code isX}
 * methods, which Jackson would write as extra properties.
 */
public record Order(String orderId, String cartId, String customerId, OrderStatus status, List<Line> lines,
                    long totalCents, String currency, long version, Instant placedAt, String paymentRef,
                    String carrier, String trackingId, String cancelReason, String rejectionCode,
                    String rejectionReason) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (version < 0) {
            throw new IllegalArgumentException("version of order " + orderId + " must not be negative, got "
                    + version);
        }
        boolean complete = status != null && cartId != null && placedAt != null;
        if ((version > 0) != complete) {
            throw new IllegalArgumentException("order " + orderId + " at version " + version + " must have a status,"
                    + " cartId and placedAt exactly when it exists, got " + status + ", " + cartId + ", " + placedAt);
        }
    }

    /** The order before its first event: version 0, it does not exist (GET answers 404). */
    public static Order none(String orderId) {
        return new Order(orderId, null, null, null, List.of(), 0, null, 0, null, null, null, null, null, null, null);
    }

    /** True once {@code OrderPlaced} or {@code OrderRejected} has been applied. */
    public boolean exists() {
        return version > 0;
    }

    /** This order with a new status and version, every detail kept. */
    Order advance(OrderStatus next, long nextVersion) {
        return new Order(orderId, cartId, customerId, next, lines, totalCents, currency, nextVersion, placedAt,
                paymentRef, carrier, trackingId, cancelReason, rejectionCode, rejectionReason);
    }

    Order withPayment(String ref) {
        return new Order(orderId, cartId, customerId, status, lines, totalCents, currency, version, placedAt,
                ref, carrier, trackingId, cancelReason, rejectionCode, rejectionReason);
    }

    Order withShipment(String shipCarrier, String shipTrackingId) {
        return new Order(orderId, cartId, customerId, status, lines, totalCents, currency, version, placedAt,
                paymentRef, shipCarrier, shipTrackingId, cancelReason, rejectionCode, rejectionReason);
    }

    Order withCancelReason(String reason) {
        return new Order(orderId, cartId, customerId, status, lines, totalCents, currency, version, placedAt,
                paymentRef, carrier, trackingId, reason, rejectionCode, rejectionReason);
    }
}
