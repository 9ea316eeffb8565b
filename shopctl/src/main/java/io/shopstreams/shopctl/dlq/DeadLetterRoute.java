package io.shopstreams.shopctl.dlq;

import java.util.Map;

import io.shopstreams.cart.stream.CartTopology;
import io.shopstreams.events.Topics;
import io.shopstreams.order.stream.OrderTopology;

/**
 * Where {@code dlq replay} may re-publish a dead letter: the public command topic its record came from. A
 * record that failed on a service's internal repartition topic ({@code <application>-...-repartition}) goes
 * back to the public topic that feeds it, never into the internal topic. Only commands are re-published: an
 * event is already in the log, and a second copy would be a duplicate in the source of truth (the same eventId
 * and version twice, which no fold can apply); the catalog is changed with {@code shopctl products}. Pure.
 */
public record DeadLetterRoute(String topic, String refusal) {
    private static final String REPARTITION = "-repartition";
    private static final Map<String, String> COMMAND_REPARTITIONS = Map.of(
            CartTopology.COMMANDS_BY_CART, Topics.CART_COMMANDS.name(),
            OrderTopology.COMMANDS_BY_ORDER, Topics.ORDER_COMMANDS.name());
    private static final Map<String, String> EVENT_REPARTITIONS = Map.of(
            OrderTopology.CHECKOUTS_BY_ORDER, Topics.CART_EVENTS.name(),
            CartTopology.ORDER_EVENTS_BY_CART, Topics.ORDER_EVENTS.name(),
            OrderTopology.ORDERS_BY_CUSTOMER, Topics.ORDER_EVENTS.name());

    boolean allowed() {
        return refusal == null;
    }

    /** The route of a dead letter whose header {@code shop.source.topic} is {@code sourceTopic} (may be null). */
    static DeadLetterRoute of(String sourceTopic) {
        if (sourceTopic == null) {
            return refused("it names no source topic (header shop.source.topic)");
        }
        if (sourceTopic.equals(Topics.CART_COMMANDS.name()) || sourceTopic.equals(Topics.ORDER_COMMANDS.name())) {
            return new DeadLetterRoute(sourceTopic, null);
        }
        String command = repartitionOf(sourceTopic, COMMAND_REPARTITIONS);
        if (command != null) {
            return new DeadLetterRoute(command, null);
        }
        if (sourceTopic.equals(Topics.PRODUCTS.name())) {
            return refused("products is the catalog, not a command topic: correct the product with shopctl products load");
        }
        if (sourceTopic.equals(Topics.CART_EVENTS.name()) || sourceTopic.equals(Topics.ORDER_EVENTS.name())) {
            return refused(eventRefusal(sourceTopic));
        }
        String event = repartitionOf(sourceTopic, EVENT_REPARTITIONS);
        if (event != null) {
            return refused(eventRefusal(event));
        }
        return refused("unknown source topic " + sourceTopic + ": only records of " + Topics.CART_COMMANDS.name()
                + " and " + Topics.ORDER_COMMANDS.name() + " (or their repartition topics) are re-published");
    }

    private static DeadLetterRoute refused(String why) {
        return new DeadLetterRoute(null, why);
    }

    private static String eventRefusal(String eventTopic) {
        return "its record is an event of " + eventTopic + ", which is in the log already: a second copy would "
                + "duplicate it in the source of truth";
    }

    /** The public topic behind {@code <application>-NAME-repartition}, or null when no NAME of {@code names} fits. */
    private static String repartitionOf(String topic, Map<String, String> names) {
        if (!topic.endsWith(REPARTITION)) {
            return null;
        }
        String stem = topic.substring(0, topic.length() - REPARTITION.length());
        return names.entrySet().stream().filter(name -> stem.endsWith("-" + name.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
