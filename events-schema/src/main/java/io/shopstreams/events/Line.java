package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of a checked-out cart or an order: the price is the one the cart held at checkout. */
public record Line(
        @JsonProperty(required = true) String sku,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) @Money long unitPriceCents,
        @JsonProperty(required = true) int quantity) {

    public Line {
        Fields.id("sku", sku);
        Fields.text("name", name);
        Fields.nonNegativeMoney("unitPriceCents", unitPriceCents);
    }

    /** unitPriceCents x quantity, failing loudly on overflow rather than wrapping. */
    public long lineTotalCents() {
        return Math.multiplyExact(unitPriceCents, (long) quantity);
    }
}
