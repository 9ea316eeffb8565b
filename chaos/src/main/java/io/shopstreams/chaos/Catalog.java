package io.shopstreams.chaos;

import io.shopstreams.events.Product;

import java.util.List;

/**
 * The harness's catalog: seven everyday products, one inactive (adds are rejected), and one so expensive that two
 * of it exceed the order service's limit {@link #MAX_ORDER_TOTAL_CENTS}, so that some checkouts become
 * {@code OrderRejected} and their carts are reopened: the saga's compensation runs under chaos too.
 */
final class Catalog {
    static final long MAX_ORDER_TOTAL_CENTS = 400_000;
    static final String INACTIVE = "sku-retired";
    static final String LUXURY = "sku-espresso-machine";

    static final List<Product> PRODUCTS = List.of(
            new Product("sku-0", "Espresso beans 1 kg", 2490, "EUR", true),
            new Product("sku-1", "Ceramic mug", 1290, "EUR", true),
            new Product("sku-2", "Milk jug", 1890, "EUR", true),
            new Product("sku-3", "Green tea 100 g", 890, "EUR", true),
            new Product("sku-4", "Grinder", 8990, "EUR", true),
            new Product("sku-5", "Filter papers", 399, "EUR", true),
            new Product("sku-6", "Tamper", 2990, "EUR", true),
            new Product(INACTIVE, "Discontinued kettle", 3990, "EUR", false),
            new Product(LUXURY, "Espresso machine", 250_000, "EUR", true));

    /** The skus a cart can hold: every active product but the luxury one, which the plan adds rarely. */
    static final List<String> EVERYDAY = List.of("sku-0", "sku-1", "sku-2", "sku-3", "sku-4", "sku-5", "sku-6");

    private Catalog() {
    }

    static long price(String sku) {
        return PRODUCTS.stream().filter(product -> product.sku().equals(sku)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no product " + sku)).priceCents();
    }
}
