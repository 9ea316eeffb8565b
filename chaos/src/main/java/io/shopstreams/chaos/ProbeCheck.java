package io.shopstreams.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartDecider;
import io.shopstreams.cart.domain.CartItem;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderDecider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the probe's answers against the log: a 200 must carry a version the aggregate's log reached and exactly
 * the state the log folds to at that version (a stale standby may be behind, never different); a 404 for an
 * aggregate the log had is a wrong answer; a 503 or no answer within 1 s counts against availability only.
 */
final class ProbeCheck {
    /**
     * The verdict on all answers; {@code samples} are the first few wrong ones and {@code unansweredSamples} the
     * first few not answered within 1 s, with what each instance asked did, for a person.
     */
    record Result(int probes, int answeredWithinOneSecond, int unavailable, int wrong, List<String> samples,
                  List<String> unansweredSamples) {
        double availabilityPercent() {
            return probes == 0 ? 100.0 : 100.0 * answeredWithinOneSecond / probes;
        }
    }

    private static final ObjectMapper MAPPER = JsonCodec.mapper();
    private static final int SAMPLES = 10;

    private ProbeCheck() {
    }

    static Result check(List<ProbeAnswer> answers, EventLog log) {
        int answered = 0;
        int unavailable = 0;
        List<String> wrong = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (ProbeAnswer answer : answers) {
            answered += answer.answered() ? 1 : 0;
            if (!answer.answered() && unanswered.size() < SAMPLES) {
                unanswered.add(answer.service().label() + " " + answer.id() + " at " + answer.sentAt() + ": "
                        + answer.attempts());
            }
            unavailable += answer.status() == 503 ? 1 : 0;
            String problem = problem(answer, log);
            if (problem != null) {
                wrong.add(answer.service().label() + " " + answer.id() + " from " + answer.source() + ": " + problem);
            }
        }
        return new Result(answers.size(), answered, unavailable, wrong.size(),
                List.copyOf(wrong.subList(0, Math.min(SAMPLES, wrong.size()))), List.copyOf(unanswered));
    }

    private static String problem(ProbeAnswer answer, EventLog log) {
        if (answer.status() == 404) {
            return "404 for an aggregate the log has: " + answer.body();
        }
        if (answer.status() != 200) {
            return null;
        }
        try {
            JsonNode body = MAPPER.readTree(answer.body());
            long version = body.path("version").asLong(-1);
            JsonNode expected = answer.service() == Service.CART ? cartAt(log.cart(answer.id()), answer.id(), version)
                    : orderAt(log.order(answer.id()), answer.id(), version);
            if (expected == null) {
                return "version " + version + ", which the log never reached";
            }
            // Through text, so that a long and an int of the same value compare equal.
            expected = MAPPER.readTree(MAPPER.writeValueAsString(expected));
            JsonNode actual = answer.service() == Service.CART ? comparableCart(body) : body;
            return expected.equals(actual) ? null : "answered " + actual + " but the log folds to " + expected;
        } catch (IOException e) {
            return "a body that is not JSON: " + answer.body();
        }
    }

    /** The cart's view at {@code version} without the order's status, which follows order-events on its own. */
    private static JsonNode cartAt(List<CartEvent> events, String cartId, long version) {
        Cart cart = Cart.empty(cartId);
        for (CartEvent event : events) {
            if (!(event instanceof CartEvent.CommandRejected) && event.version() <= version) {
                cart = CartDecider.evolve(cart, event);
            }
        }
        if (cart.version() != version || version < 1) {
            return null;
        }
        ObjectNode view = MAPPER.createObjectNode();
        view.put("status", cart.status().name());
        view.put("version", cart.version());
        view.put("totalCents", cart.totalCents());
        view.put("currency", cart.currency());
        for (CartItem item : cart.items()) {
            view.withArray("items").addObject().put("sku", item.sku()).put("name", item.name())
                    .put("unitPriceCents", item.unitPriceCents()).put("quantity", item.quantity());
        }
        view.put("orderId", cart.orderId());
        return view;
    }

    private static JsonNode comparableCart(JsonNode body) {
        ObjectNode view = MAPPER.createObjectNode();
        view.set("status", body.get("status"));
        view.set("version", body.get("version"));
        view.set("totalCents", body.get("totalCents"));
        view.set("currency", body.get("currency"));
        for (JsonNode item : body.path("items")) {
            ObjectNode line = view.withArray("items").addObject();
            for (String field : List.of("sku", "name", "unitPriceCents", "quantity")) {
                line.set(field, item.get(field));
            }
        }
        view.set("orderId", body.path("order").isObject() ? body.path("order").get("orderId")
                : MAPPER.nullNode());
        return view;
    }

    private static JsonNode orderAt(List<OrderEvent> events, String orderId, long version) {
        Order order = Order.none(orderId);
        for (OrderEvent event : events) {
            if (!(event instanceof OrderEvent.CommandRejected) && event.version() <= version) {
                order = OrderDecider.evolve(order, event);
            }
        }
        return order.version() == version && version >= 1 ? MAPPER.valueToTree(order) : null;
    }
}
