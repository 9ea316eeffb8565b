package io.shopstreams.order.domain;

import io.shopstreams.events.Catalog;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The body of {@link OrderDecider#place}: turns one checkout into an OrderPlaced or an OrderRejected, pure. */
final class Placement {

    private Placement() {
    }

    static List<OrderEvent> place(CartEvent.CartCheckedOut checkout, Order state, Catalog catalog,
                                  OrderPolicy policy, Instant occurredAt) {
        Objects.requireNonNull(checkout, "checkout");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!checkout.orderId().equals(state.orderId())) {
            // The topology keys the checkout by its orderId: reaching here is a bug.
            throw new IllegalArgumentException("checkout " + checkout.eventId() + " is for order "
                    + checkout.orderId() + " but was placed against order " + state.orderId());
        }
        if (state.exists()) {
            // The order already answered a checkout (this one, redelivered): no second OrderPlaced/OrderRejected.
            return List.of();
        }
        String orderId = checkout.orderId();
        String causeId = checkout.eventId();
        String eventId = EventIds.eventId(OrderDecider.AGGREGATE_TYPE, orderId, causeId, 0);
        List<String> unavailable = unavailable(checkout.lines(), catalog);
        if (!unavailable.isEmpty()) {
            return List.of(new OrderEvent.OrderRejected(eventId, orderId, causeId, 1, occurredAt,
                    OrderEvent.SCHEMA_VERSION, checkout.cartId(), checkout.customerId(), RejectionCode.PRODUCT_INACTIVE.name(),
                    "products not available at placement: " + String.join(", ", unavailable)));
        }
        if (checkout.totalCents() > policy.maxTotalCents()) {
            return List.of(new OrderEvent.OrderRejected(eventId, orderId, causeId, 1, occurredAt,
                    OrderEvent.SCHEMA_VERSION, checkout.cartId(), checkout.customerId(), RejectionCode.TOTAL_TOO_HIGH.name(),
                    "total " + checkout.totalCents() + " minor units of " + checkout.currency()
                            + " exceeds the maximum of " + policy.maxTotalCents()));
        }
        return List.of(new OrderEvent.OrderPlaced(eventId, orderId, causeId, 1, occurredAt,
                OrderEvent.SCHEMA_VERSION, checkout.cartId(), checkout.customerId(), checkout.lines(),
                checkout.totalCents(), checkout.currency()));
    }

    /** Each line's sku that cannot be ordered now, with why, in line order (deterministic reasons). */
    private static List<String> unavailable(List<Line> lines, Catalog catalog) {
        List<String> unavailable = new ArrayList<>();
        for (Line line : lines) {
            Optional<Product> found = Objects.requireNonNull(catalog.find(line.sku()),
                    "the catalog answered null for " + line.sku());
            if (found.isEmpty()) {
                unavailable.add(line.sku() + " (not in the catalog)");
            } else if (!found.get().active()) {
                unavailable.add(line.sku() + " (inactive)");
            }
        }
        return unavailable;
    }
}
