package io.shopstreams.chaos;

import io.shopstreams.events.EventIds;
import io.shopstreams.events.OrderCommand;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The order half of the load plan: orders of earlier checkouts, once enough records have passed for them to be
 * placed, are paid, shipped, delivered or cancelled. An order the plan expects rejected (its total is over the
 * limit) gets one PayOrder, which must be rejected {@code ORDER_REJECTED}, and its cart is reopened.
 */
final class OrderPlanner {
    private enum Step { PLACED, PAID, SHIPPED }

    private static final class PlannedOrder {
        final CartPlanner.Checkout checkout;
        final String orderId;
        final long eligibleAt;
        Step step = Step.PLACED;

        PlannedOrder(CartPlanner.Checkout checkout, long eligibleAt) {
            this.checkout = checkout;
            this.orderId = EventIds.orderIdFor(checkout.cartId(), checkout.commandId());
            this.eligibleAt = eligibleAt;
        }

        boolean rejected() {
            return checkout.totalCents() > Catalog.MAX_ORDER_TOTAL_CENTS;
        }
    }

    private final Random random;
    private final long delay;
    private final CartPlanner carts;
    private final Deque<PlannedOrder> waiting = new ArrayDeque<>();
    private final List<PlannedOrder> eligible = new ArrayList<>();

    /** @param delay records between a checkout and the first command of its order */
    OrderPlanner(Random random, long delay, CartPlanner carts) {
        this.random = random;
        this.delay = delay;
        this.carts = carts;
    }

    void checkedOut(CartPlanner.Checkout checkout, long seq) {
        waiting.add(new PlannedOrder(checkout, seq + delay));
    }

    /** The next order command and its orderId, or empty when no order is old enough yet. */
    Optional<OrderCommand> next(long seq, String commandId) {
        while (!waiting.isEmpty() && waiting.peekFirst().eligibleAt <= seq) {
            eligible.add(waiting.pollFirst());
        }
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        int index = random.nextInt(eligible.size());
        PlannedOrder order = eligible.get(index);
        OrderCommand command = commandFor(order, commandId);
        if (order.rejected() || command instanceof OrderCommand.CancelOrder
                || command instanceof OrderCommand.DeliverOrder) {
            eligible.remove(index);
            carts.orderDecided(order.checkout.cartId(), order.rejected());
        }
        return Optional.of(command);
    }

    private OrderCommand commandFor(PlannedOrder order, String commandId) {
        boolean cancel = random.nextInt(100) < 20;
        if (order.rejected() || order.step == Step.PLACED && !cancel) {
            order.step = Step.PAID;
            return new OrderCommand.PayOrder(commandId, order.orderId, order.checkout.totalCents(),
                    "pay-" + commandId);
        }
        if (order.step != Step.SHIPPED && cancel) {
            return new OrderCommand.CancelOrder(commandId, order.orderId, "changed my mind");
        }
        if (order.step == Step.PAID) {
            order.step = Step.SHIPPED;
            return new OrderCommand.ShipOrder(commandId, order.orderId, "DHL", "track-" + commandId);
        }
        return new OrderCommand.DeliverOrder(commandId, order.orderId);
    }
}
