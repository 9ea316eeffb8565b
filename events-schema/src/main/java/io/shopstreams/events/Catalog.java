package io.shopstreams.events;

import java.util.Optional;

/**
 * The product catalog as the deciders see it (in production: the {@code products} topic as a global table), so
 * that the cart's and the order's rules judge a sku against the same view of it.
 */
@FunctionalInterface
public interface Catalog {

    /** The product with this sku, inactive ones included; empty when unknown or deleted. Never null. */
    Optional<Product> find(String sku);
}
