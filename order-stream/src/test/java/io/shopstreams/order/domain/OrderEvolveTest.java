package io.shopstreams.order.domain;

import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.shopstreams.order.domain.OrderFixtures.AT;
import static io.shopstreams.order.domain.OrderFixtures.CART;
import static io.shopstreams.order.domain.OrderFixtures.CATALOG;
import static io.shopstreams.order.domain.OrderFixtures.ORDER;
import static io.shopstreams.order.domain.OrderFixtures.TOTAL;
import static io.shopstreams.order.domain.OrderFixtures.after;
import static io.shopstreams.order.domain.OrderFixtures.cancel;
import static io.shopstreams.order.domain.OrderFixtures.cancelled;
import static io.shopstreams.order.domain.OrderFixtures.checkout;
import static io.shopstreams.order.domain.OrderFixtures.deliver;
import static io.shopstreams.order.domain.OrderFixtures.delivered;
import static io.shopstreams.order.domain.OrderFixtures.given;
import static io.shopstreams.order.domain.OrderFixtures.history;
import static io.shopstreams.order.domain.OrderFixtures.orderRejected;
import static io.shopstreams.order.domain.OrderFixtures.paid;
import static io.shopstreams.order.domain.OrderFixtures.pay;
import static io.shopstreams.order.domain.OrderFixtures.placed;
import static io.shopstreams.order.domain.OrderFixtures.rejected;
import static io.shopstreams.order.domain.OrderFixtures.rejectedOrder;
import static io.shopstreams.order.domain.OrderFixtures.ship;
import static io.shopstreams.order.domain.OrderFixtures.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evolve() and fold(): replay equals live processing, and an event that cannot apply fails loudly. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrderEvolveTest {

    @Nested
    class Fold {

        @Test
        void of_the_decided_events_equals_the_state_evolved_step_by_step() {
            List<OrderEvent> events = new ArrayList<>();
            List<Order> steps = new ArrayList<>();
            Order live = Order.none(ORDER);
            for (OrderEvent event : OrderDecider.place(checkout(), live, CATALOG, OrderPolicy.DEFAULT, AT)) {
                live = OrderDecider.evolve(live, event);
                events.add(event);
                steps.add(live);
            }
            for (OrderCommand command : List.of(ship("c1"), pay("c2", 1, "r"), pay("c3"), pay("c4"), ship("c5"),
                    cancel("c6"), deliver("c7"), deliver("c8"))) {
                for (OrderEvent event : OrderDecider.decide(command, live, AT)) {
                    live = OrderDecider.evolve(live, event);
                    events.add(event);
                    steps.add(live);
                }
            }

            assertThat(OrderDecider.fold(ORDER, events)).isEqualTo(live);
            for (int i = 0; i < events.size(); i++) {
                assertThat(OrderDecider.fold(ORDER, events.subList(0, i + 1))).isEqualTo(steps.get(i));
            }
            assertThat(events).hasSize(9);
            assertThat(live.status()).isEqualTo(OrderStatus.DELIVERED);
            assertThat(live.version()).isEqualTo(4);
            assertThat(live).isEqualTo(new Order(ORDER, CART, OrderFixtures.CUSTOMER, OrderStatus.DELIVERED,
                    OrderFixtures.LINES, TOTAL, "EUR", 4, AT, "pay-ref-1", "DHL", "track-1", null, null, null));
        }

        @Test
        void of_no_events_is_the_nonexistent_order() {
            assertThat(OrderDecider.fold(ORDER, List.of())).isEqualTo(Order.none(ORDER));
        }

        @Test
        void of_only_rejections_is_still_the_nonexistent_order() {
            OrderEvent notFound = new OrderEvent.CommandRejected("e", ORDER, "c1", 0, AT, 1, null, "PayOrder",
                    "ORDER_NOT_FOUND", "order order-1 does not exist");

            assertThat(OrderDecider.fold(ORDER, List.of(notFound, notFound))).isEqualTo(Order.none(ORDER));
        }
    }

    @Nested
    class FailsLoudly {

        private final Order placedOrder = given(placed());
        private final Order paidOrder = after(pay("p1"));
        private final Order shippedOrder = after(pay("p1"), ship("s1"));
        private final Order cancelledOrder = after(cancel("x1"));

        @Test
        void on_an_event_of_another_order() {
            OrderEvent foreign = new OrderEvent.OrderDelivered("e", "order-2", "c2", 2, AT, 1, CART);

            assertCannotApply(placedOrder, foreign, "belongs to order order-2");
        }

        @Test
        void on_a_rejection_of_another_order() {
            OrderEvent foreign = new OrderEvent.CommandRejected("e", "order-2", "c2", 1, AT, 1, CART, "PayOrder",
                    "X", "y");

            assertCannotApply(placedOrder, foreign, "belongs to order order-2");
        }

        @Test
        void on_a_version_gap_or_a_repeated_version() {
            assertCannotApply(placedOrder, paid("c2", 3, TOTAL), "must carry version 2");
            assertCannotApply(placedOrder, paid("c2", 1, TOTAL), "must carry version 2");
        }

        @Test
        void on_a_second_placement_or_a_rejection_of_an_existing_order() {
            OrderEvent.OrderPlaced again = new OrderEvent.OrderPlaced("e", ORDER, "other", 2, AT, 1, CART,
                    OrderFixtures.CUSTOMER, OrderFixtures.LINES, TOTAL, "EUR");
            OrderEvent.OrderRejected rejection = new OrderEvent.OrderRejected("e", ORDER, "other", 2, AT, 1, CART,
                    OrderFixtures.CUSTOMER, "TOTAL_TOO_HIGH", "x");

            assertCannotApply(placedOrder, again, "needs an order that does not exist yet");
            assertCannotApply(placedOrder, rejection, "needs an order that does not exist yet");
        }

        @Test
        void on_a_lifecycle_event_for_a_nonexistent_order() {
            assertCannotApply(Order.none(ORDER), paid("c1", 1, TOTAL), "the order does not exist");
            assertCannotApply(Order.none(ORDER), cancelled("c1", 1, "r"), "the order does not exist");
        }

        @Test
        void on_a_lifecycle_event_naming_another_cart() {
            OrderEvent foreignCart = new OrderEvent.OrderPaid("e", ORDER, "c2", 2, AT, 1, "cart-2", TOTAL, "ref");

            assertCannotApply(placedOrder, foreignCart, "names cart cart-2 but the order's cart is cart-1");
        }

        @Test
        void on_a_payment_of_another_amount_than_the_total() {
            assertCannotApply(placedOrder, paid("c2", 2, TOTAL - 1), "pays 334 but the total is 335");
        }

        @Test
        void on_a_payment_of_an_order_that_is_not_placed() {
            assertCannotApply(paidOrder, paid("c3", 3, TOTAL), "needs an order that is PLACED");
            assertCannotApply(cancelledOrder, paid("c3", 3, TOTAL), "needs an order that is PLACED");
        }

        @Test
        void on_a_shipment_of_an_order_that_is_not_paid() {
            assertCannotApply(placedOrder, shipped("c2", 2), "needs an order that is PAID");
            assertCannotApply(cancelledOrder, shipped("c3", 3), "needs an order that is PAID");
        }

        @Test
        void on_a_delivery_of_an_order_that_is_not_shipped() {
            assertCannotApply(paidOrder, delivered("c3", 3), "needs an order that is SHIPPED");
        }

        @Test
        void on_a_cancellation_of_a_shipped_or_cancelled_order() {
            assertCannotApply(shippedOrder, cancelled("c4", 4, "r"), "needs an order that is PLACED or PAID");
            assertCannotApply(cancelledOrder, cancelled("c3", 3, "r"), "needs an order that is PLACED or PAID");
        }

        @Test
        void on_any_lifecycle_event_for_a_rejected_order() {
            Order rejected = rejectedOrder();

            assertCannotApply(rejected, paid("c2", 2, 0), "needs an order that is PLACED");
            assertCannotApply(rejected, cancelled("c2", 2, "r"), "needs an order that is PLACED or PAID");
        }

        private void assertCannotApply(Order state, OrderEvent event, String why) {
            assertThatThrownBy(() -> OrderDecider.evolve(state, event))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot apply " + event.getClass().getSimpleName())
                    .hasMessageContaining("to order " + state.orderId())
                    .hasMessageContaining(why);
        }
    }

    @Test
    void a_rejection_returns_the_very_same_state() {
        Order placedOrder = given(placed());

        assertThat(OrderDecider.evolve(placedOrder, rejected("c2", 1, "ShipOrder", RejectionCode.INVALID_TRANSITION,
                "x"))).isSameAs(placedOrder);
    }

    @Test
    void a_rejected_order_keeps_its_cart_code_reason_and_time() {
        Order order = given(orderRejected(RejectionCode.TOTAL_TOO_HIGH, "too much"));

        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.cartId()).isEqualTo(CART);
        assertThat(order.rejectionCode()).isEqualTo("TOTAL_TOO_HIGH");
        assertThat(order.rejectionReason()).isEqualTo("too much");
        assertThat(order.placedAt()).isEqualTo(AT);
        assertThat(order.version()).isEqualTo(1);
    }

    @Test
    void the_history_helper_records_every_accepted_event() {
        assertThat(history(pay("p1"), ship("s1"), deliver("d1"))).extracting(OrderEvent::version)
                .containsExactly(1L, 2L, 3L, 4L);
    }
}
