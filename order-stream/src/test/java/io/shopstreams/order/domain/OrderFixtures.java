package io.shopstreams.order.domain;

import io.shopstreams.events.Catalog;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Small, clock-free fixtures: a catalog, a checkout, commands and events with the ids the decider derives. */
final class OrderFixtures {
    static final String ORDER = "order-1";
    static final String CART = "cart-1";
    static final String CUSTOMER = "customer-7";
    /** The cart-events id of the checkout that places {@link #ORDER}: the placement's commandId. */
    static final String CHECKOUT_EVENT = "checkout-event-1";
    /** Every decision in these tests happens at this record timestamp: no clock involved. */
    static final Instant AT = Instant.parse("2024-05-01T10:15:30Z");

    static final Product APPLE = new Product("apple", "Apple", 120, "EUR", true);
    static final Product PEAR = new Product("pear", "Pear", 95, "EUR", true);
    static final Product PLUM = new Product("plum", "Plum", 80, "EUR", false);
    static final Product KIWI = new Product("kiwi", "Kiwi", 60, "EUR", true);
    /** Holds apple, pear and an inactive plum; kiwi is not in it. */
    static final Catalog CATALOG = catalog(APPLE, PEAR, PLUM);

    /** 2 apples and 1 pear: 335 EUR cents. */
    static final List<Line> LINES = List.of(line(APPLE, 2), line(PEAR, 1));
    static final long TOTAL = 335;

    private OrderFixtures() {
    }

    static Catalog catalog(Product... products) {
        Map<String, Product> bySku = new HashMap<>();
        for (Product product : products) {
            bySku.put(product.sku(), product);
        }
        return sku -> Optional.ofNullable(bySku.get(sku));
    }

    static Line line(Product product, int quantity) {
        return new Line(product.sku(), product.name(), product.priceCents(), quantity);
    }

    /** The cart's CartCheckedOut for {@link #ORDER}, as cart-stream publishes it. */
    static CartEvent.CartCheckedOut checkout(List<Line> lines, long totalCents) {
        return new CartEvent.CartCheckedOut(CHECKOUT_EVENT, CART, "cart-cmd-9", 4, AT, CartEvent.SCHEMA_VERSION,
                ORDER, CUSTOMER, lines, totalCents, "EUR");
    }

    static CartEvent.CartCheckedOut checkout() {
        return checkout(LINES, TOTAL);
    }

    // --- commands (no orderId in the body: the record key names the order)

    static OrderCommand.PayOrder pay(String commandId, long amountCents, String paymentRef) {
        return new OrderCommand.PayOrder(commandId, null, amountCents, paymentRef);
    }

    static OrderCommand.PayOrder pay(String commandId) {
        return pay(commandId, TOTAL, "pay-ref-1");
    }

    static OrderCommand.ShipOrder ship(String commandId, String carrier, String trackingId) {
        return new OrderCommand.ShipOrder(commandId, null, carrier, trackingId);
    }

    static OrderCommand.ShipOrder ship(String commandId) {
        return ship(commandId, "DHL", "track-1");
    }

    static OrderCommand.DeliverOrder deliver(String commandId) {
        return new OrderCommand.DeliverOrder(commandId, null);
    }

    static OrderCommand.CancelOrder cancel(String commandId, String reason) {
        return new OrderCommand.CancelOrder(commandId, null, reason);
    }

    static OrderCommand.CancelOrder cancel(String commandId) {
        return cancel(commandId, "changed my mind");
    }

    // --- given / when

    /** Given these events, the order {@link #ORDER}. */
    static Order given(OrderEvent... events) {
        return OrderDecider.fold(ORDER, Arrays.asList(events));
    }

    /** Given the checkout placed and these commands, each of which must be accepted: the events, in order. */
    static List<OrderEvent> history(OrderCommand... commands) {
        List<OrderEvent> events = new ArrayList<>(OrderDecider.place(checkout(), Order.none(ORDER), CATALOG,
                OrderPolicy.DEFAULT, AT));
        Order state = OrderDecider.fold(ORDER, events);
        assertThat(state.status()).isEqualTo(OrderStatus.PLACED);
        for (OrderCommand command : commands) {
            List<OrderEvent> decided = OrderDecider.decide(command, state, AT);
            assertThat(decided).as("given command %s", command).singleElement()
                    .isNotInstanceOf(OrderEvent.CommandRejected.class);
            state = OrderDecider.evolve(state, decided.get(0));
            events.addAll(decided);
        }
        return events;
    }

    /** Given the checkout placed and these commands, each accepted: the resulting order. */
    static Order after(OrderCommand... commands) {
        return OrderDecider.fold(ORDER, history(commands));
    }

    /** Given the checkout rejected (its plum is inactive): a REJECTED order. */
    static Order rejectedOrder() {
        return given(OrderDecider.place(checkout(List.of(line(PLUM, 1)), 80), Order.none(ORDER), CATALOG,
                OrderPolicy.DEFAULT, AT).toArray(OrderEvent[]::new));
    }

    static List<OrderEvent> when(OrderCommand command, Order state) {
        return OrderDecider.decide(command, state, AT);
    }

    // --- events, as the decider builds them for ORDER at AT

    static String eventIdOf(String causeId) {
        return EventIds.eventId("order", ORDER, causeId, 0);
    }

    static OrderEvent.OrderPlaced placed() {
        return new OrderEvent.OrderPlaced(eventIdOf(CHECKOUT_EVENT), ORDER, CHECKOUT_EVENT, 1, AT,
                OrderEvent.SCHEMA_VERSION, CART, CUSTOMER, LINES, TOTAL, "EUR");
    }

    static OrderEvent.OrderRejected orderRejected(RejectionCode code, String reason) {
        return new OrderEvent.OrderRejected(eventIdOf(CHECKOUT_EVENT), ORDER, CHECKOUT_EVENT, 1, AT,
                OrderEvent.SCHEMA_VERSION, CART, CUSTOMER, code.name(), reason);
    }

    static OrderEvent.OrderPaid paid(String commandId, long version, long amountCents) {
        return new OrderEvent.OrderPaid(eventIdOf(commandId), ORDER, commandId, version, AT,
                OrderEvent.SCHEMA_VERSION, CART, amountCents, "pay-ref-1");
    }

    static OrderEvent.OrderShipped shipped(String commandId, long version) {
        return new OrderEvent.OrderShipped(eventIdOf(commandId), ORDER, commandId, version, AT,
                OrderEvent.SCHEMA_VERSION, CART, "DHL", "track-1");
    }

    static OrderEvent.OrderDelivered delivered(String commandId, long version) {
        return new OrderEvent.OrderDelivered(eventIdOf(commandId), ORDER, commandId, version, AT,
                OrderEvent.SCHEMA_VERSION, CART);
    }

    static OrderEvent.OrderCancelled cancelled(String commandId, long version, String reason) {
        return new OrderEvent.OrderCancelled(eventIdOf(commandId), ORDER, commandId, version, AT,
                OrderEvent.SCHEMA_VERSION, CART, reason);
    }

    static OrderEvent.CommandRejected rejected(String commandId, long version, String commandType,
                                               RejectionCode code, String reason) {
        return new OrderEvent.CommandRejected(eventIdOf(commandId), ORDER, commandId, version, AT,
                OrderEvent.SCHEMA_VERSION, CART, commandType, code.name(), reason);
    }

    // --- assertions

    /** Then: exactly one CommandRejected with this code, decided against this version. */
    static OrderEvent.CommandRejected assertRejected(List<OrderEvent> events, RejectionCode code, long version) {
        assertThat(events).singleElement().isInstanceOf(OrderEvent.CommandRejected.class);
        OrderEvent.CommandRejected rejected = (OrderEvent.CommandRejected) events.get(0);
        assertThat(rejected.code()).isEqualTo(code.name());
        assertThat(rejected.version()).isEqualTo(version);
        return rejected;
    }
}
