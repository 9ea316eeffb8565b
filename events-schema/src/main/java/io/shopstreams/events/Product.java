package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A catalog entry on the {@code products} topic, keyed by sku. A null value on that topic deletes it. */
public record Product(
        @JsonProperty(required = true) String sku,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) @Money long priceCents,
        @JsonProperty(required = true) String currency,
        @JsonProperty(required = true) boolean active) {

    public Product {
        Fields.id("sku", sku);
        Fields.text("name", name);
        Fields.nonNegativeMoney("priceCents", priceCents);
        Fields.currency("currency", currency);
    }
}
