package io.shopstreams.events;

import org.apache.kafka.common.serialization.Serdes;

import java.util.List;

/**
 * The project's topics (docs/contract.md, section 2), each with its serdes. Keys are UTF-8 strings; values are
 * the JSON messages of {@link JsonCodec}. Internal Kafka Streams topics are named by Kafka Streams.
 */
public final class Topics {
    /** sku -> Product; compacted, a null value is a tombstone that deletes the product. */
    public static final Topic<String, Product> PRODUCTS =
            new Topic<>("products", Serdes.String(), new JsonSerde<>(JsonCodec.PRODUCTS, true));
    public static final Topic<String, CartCommand> CART_COMMANDS =
            new Topic<>("cart-commands", Serdes.String(), new JsonSerde<>(JsonCodec.CART_COMMANDS));
    public static final Topic<String, CartEvent> CART_EVENTS =
            new Topic<>("cart-events", Serdes.String(), new JsonSerde<>(JsonCodec.CART_EVENTS));
    public static final Topic<String, OrderCommand> ORDER_COMMANDS =
            new Topic<>("order-commands", Serdes.String(), new JsonSerde<>(JsonCodec.ORDER_COMMANDS));
    public static final Topic<String, OrderEvent> ORDER_EVENTS =
            new Topic<>("order-events", Serdes.String(), new JsonSerde<>(JsonCodec.ORDER_EVENTS));
    /** The original key and value bytes of records that could not be processed; the error is in the headers. */
    public static final Topic<byte[], byte[]> DEAD_LETTERS =
            new Topic<>("dead-letters", Serdes.ByteArray(), Serdes.ByteArray());
    /** Operational: the latest full rebuild of each service, application id -> epoch (see shopctl replay). */
    public static final Topic<String, String> REBUILD_EPOCHS =
            new Topic<>("rebuild-epochs", Serdes.String(), Serdes.String());

    private Topics() {
    }

    /** The topics whose values are JSON messages of the contract, in the order the contract lists them. */
    public static List<Topic<String, ?>> messageTopics() {
        return List.of(PRODUCTS, CART_COMMANDS, CART_EVENTS, ORDER_COMMANDS, ORDER_EVENTS);
    }
}
