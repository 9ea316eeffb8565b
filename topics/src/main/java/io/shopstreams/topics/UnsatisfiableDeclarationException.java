package io.shopstreams.topics;

/**
 * A declaration the cluster cannot satisfy, found before anything was changed, e.g.
 * {@code topic cart-events: replication factor 3 is more than the 1 broker(s) available}.
 */
public final class UnsatisfiableDeclarationException extends TopicAdminException {

    private final String topic;

    public UnsatisfiableDeclarationException(TopicDeclaration declaration, int brokers) {
        super(describe(declaration, brokers));
        this.topic = declaration.name();
    }

    public String topic() {
        return topic;
    }

    static String describe(TopicDeclaration declaration, int brokers) {
        return "topic " + declaration.name() + ": replication factor " + declaration.replicationFactor()
                + " is more than the " + brokers + " broker(s) available";
    }
}
