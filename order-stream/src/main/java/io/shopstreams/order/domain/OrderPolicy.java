package io.shopstreams.order.domain;

/**
 * The configurable limits a checkout must meet to become an order.
 *
 * @param maxTotalCents the largest order total accepted, in minor units of the order's currency (whatever the
 *                      currency); a total equal to it is accepted, one above it is {@code TOTAL_TOO_HIGH}
 */
public record OrderPolicy(long maxTotalCents) {

    /** {@code maxTotalCents} = 100,000,000: 1,000,000.00 in a currency with two decimals. */
    public static final OrderPolicy DEFAULT = new OrderPolicy(100_000_000L);

    public OrderPolicy {
        if (maxTotalCents < 0) {
            throw new IllegalArgumentException("maxTotalCents must not be negative, got " + maxTotalCents);
        }
    }
}
