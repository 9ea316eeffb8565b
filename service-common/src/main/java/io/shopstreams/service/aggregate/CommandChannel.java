package io.shopstreams.service.aggregate;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topic;

import java.util.function.Function;

/**
 * How an aggregate's commands come in: the command topic, the strict codec of its values, and the aggregate id
 * a command body may name (which must then equal the record key or the HTTP path).
 *
 * @param noun            the aggregate's name, as in {@link Aggregate#noun()}; its id field is {@code noun + "Id"}
 * @param bodyAggregateId the aggregate id the body names, or null when it names none
 */
public record CommandChannel<C>(String noun, Topic<String, C> topic, JsonCodec<C> codec,
                                Function<C, String> bodyAggregateId) {

    /** The body field and path parameter that names the aggregate: "cartId", "orderId". */
    public String idField() {
        return noun + "Id";
    }
}
