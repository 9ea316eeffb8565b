package io.shopstreams.order.stream;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the checkouts repartition topic: a {@code CartCheckedOut} as the very {@code cart-events} JSON it
 * was read as, typed, so that the order side never casts. Only this service writes that topic: anything else
 * there is a bug.
 */
final class CheckoutSerde implements Serde<CartEvent.CartCheckedOut> {
    @Override
    public Serializer<CartEvent.CartCheckedOut> serializer() {
        return (topic, checkout) -> checkout == null ? null : JsonCodec.CART_EVENTS.encode(checkout);
    }

    @Override
    public Deserializer<CartEvent.CartCheckedOut> deserializer() {
        return (topic, bytes) -> {
            CartEvent event = JsonCodec.CART_EVENTS.decode(bytes);
            if (event instanceof CartEvent.CartCheckedOut checkout) {
                return checkout;
            }
            throw new SerializationException(topic + " holds a " + event.getClass().getSimpleName()
                    + ", not a CartCheckedOut");
        };
    }
}
