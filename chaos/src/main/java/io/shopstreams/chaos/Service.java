package io.shopstreams.chaos;

import io.shopstreams.events.Topics;

/** The two services the harness runs, with what it needs to know of each. */
enum Service {
    CART("cart", "io.shopstreams.cart.CartService", Topics.CART_COMMANDS.name(), Topics.CART_EVENTS.name(), "carts"),
    ORDER("order", "io.shopstreams.order.OrderService", Topics.ORDER_COMMANDS.name(), Topics.ORDER_EVENTS.name(),
            "orders");

    private final String label;
    private final String mainClass;
    private final String commandTopic;
    private final String eventTopic;
    private final String resourcePath;

    Service(String label, String mainClass, String commandTopic, String eventTopic, String resourcePath) {
        this.label = label;
        this.mainClass = mainClass;
        this.commandTopic = commandTopic;
        this.eventTopic = eventTopic;
        this.resourcePath = resourcePath;
    }

    String label() {
        return label;
    }

    String mainClass() {
        return mainClass;
    }

    String commandTopic() {
        return commandTopic;
    }

    String eventTopic() {
        return eventTopic;
    }

    /** {@code carts} or {@code orders}: the HTTP path of one aggregate is {@code /<resourcePath>/<id>}. */
    String resourcePath() {
        return resourcePath;
    }

    static Service ofEventTopic(String topic) {
        for (Service service : values()) {
            if (service.eventTopic.equals(topic)) {
                return service;
            }
        }
        throw new IllegalArgumentException("no service writes " + topic);
    }
}
