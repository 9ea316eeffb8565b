package io.shopstreams.events;

/** The serdes of the project's topic values. Keys are UTF-8 strings ({@code Serdes.String()}). */
public final class ShopSerdes {
    private ShopSerdes() {
    }

    public static JsonSerde<CartCommand> cartCommands() {
        return new JsonSerde<>(JsonCodec.CART_COMMANDS);
    }

    public static JsonSerde<CartEvent> cartEvents() {
        return new JsonSerde<>(JsonCodec.CART_EVENTS);
    }

    public static JsonSerde<OrderCommand> orderCommands() {
        return new JsonSerde<>(JsonCodec.ORDER_COMMANDS);
    }

    public static JsonSerde<OrderEvent> orderEvents() {
        return new JsonSerde<>(JsonCodec.ORDER_EVENTS);
    }

    /** Null values are tombstones here: they delete the product. */
    public static JsonSerde<Product> products() {
        return new JsonSerde<>(JsonCodec.PRODUCTS, true);
    }
}
