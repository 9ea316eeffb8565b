package io.shopstreams.shopctl.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The saga's answers by orderId: every {@code CartCheckedOut} exactly one {@code OrderPlaced} or
 * {@code OrderRejected}, every {@code OrderRejected} exactly one {@code CartReopened}, and no answer to nothing.
 */
final class SagaLedger {
    private final Map<String, String> checkouts = new TreeMap<>();
    private final Map<String, Integer> orderAnswers = new TreeMap<>();
    private final Map<String, String> rejections = new TreeMap<>();
    private final Map<String, Integer> reopenings = new TreeMap<>();

    void checkedOut(String orderId, String cartId) {
        checkouts.put(orderId, cartId);
    }

    void placed(String orderId) {
        orderAnswers.merge(orderId, 1, Integer::sum);
    }

    void rejected(String orderId, String eventId) {
        orderAnswers.merge(orderId, 1, Integer::sum);
        rejections.put(orderId, eventId);
    }

    void reopened(String orderId) {
        reopenings.merge(orderId, 1, Integer::sum);
    }

    /** Adds a line to {@code violations} for each broken rule, in orderId order. */
    void report(List<String> violations) {
        checkouts.forEach((orderId, cartId) -> {
            int answers = orderAnswers.getOrDefault(orderId, 0);
            if (answers != 1) {
                violations.add("cart " + cartId + ": checkout of " + orderId + " has " + answers
                        + " OrderPlaced/OrderRejected (expected exactly 1)");
            }
        });
        orderAnswers.keySet().stream().filter(orderId -> !checkouts.containsKey(orderId))
                .forEach(orderId -> violations.add("order " + orderId + " answers no CartCheckedOut"));
        rejections.keySet().forEach(orderId -> {
            int reopened = reopenings.getOrDefault(orderId, 0);
            if (reopened != 1) {
                violations.add("order " + orderId + ": rejection has " + reopened
                        + " CartReopened (expected exactly 1)");
            }
        });
        reopenings.keySet().stream().filter(orderId -> !rejections.containsKey(orderId))
                .forEach(orderId -> violations.add("cart reopened for order " + orderId + ", which was not rejected"));
    }
}
