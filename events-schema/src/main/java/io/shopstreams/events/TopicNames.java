package io.shopstreams.events;

/** The names of the project's topics (CONTRACT section 2). Internal Kafka Streams topics are named by Kafka Streams. */
public final class TopicNames {
    public static final String PRODUCTS = "products";
    public static final String CART_COMMANDS = "cart-commands";
    public static final String CART_EVENTS = "cart-events";
    public static final String ORDER_COMMANDS = "order-commands";
    public static final String ORDER_EVENTS = "order-events";
    public static final String DEAD_LETTERS = "dead-letters";
    /** Operational: the latest full rebuild of each service, keyed by application id (see shopctl replay). */
    public static final String REBUILD_EPOCHS = "rebuild-epochs";

    private TopicNames() {
    }
}
