package io.shopstreams.order.domain;

import io.shopstreams.events.Product;

import java.util.Optional;

/** The placement's view of the product catalog (in production: the {@code products} table). */
@FunctionalInterface
public interface Catalog {

    /** The product with this sku, inactive ones included; empty when unknown or deleted. Never null. */
    Optional<Product> find(String sku);
}
