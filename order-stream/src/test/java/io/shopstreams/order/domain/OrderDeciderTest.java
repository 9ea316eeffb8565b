package io.shopstreams.order.domain;

import io.shopstreams.events.EventIds;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.shopstreams.order.domain.OrderFixtures.AT;
import static io.shopstreams.order.domain.OrderFixtures.CART;
import static io.shopstreams.order.domain.OrderFixtures.ORDER;
import static io.shopstreams.order.domain.OrderFixtures.TOTAL;
import static io.shopstreams.order.domain.OrderFixtures.after;
import static io.shopstreams.order.domain.OrderFixtures.assertRejected;
import static io.shopstreams.order.domain.OrderFixtures.cancel;
import static io.shopstreams.order.domain.OrderFixtures.cancelled;
import static io.shopstreams.order.domain.OrderFixtures.deliver;
import static io.shopstreams.order.domain.OrderFixtures.delivered;
import static io.shopstreams.order.domain.OrderFixtures.paid;
import static io.shopstreams.order.domain.OrderFixtures.pay;
import static io.shopstreams.order.domain.OrderFixtures.rejected;
import static io.shopstreams.order.domain.OrderFixtures.rejectedOrder;
import static io.shopstreams.order.domain.OrderFixtures.ship;
import static io.shopstreams.order.domain.OrderFixtures.shipped;
import static io.shopstreams.order.domain.OrderFixtures.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** decide(): given events, when a command, then exactly one event. One nested class per command. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrderDeciderTest {

    private final Order placed = after();
    private final Order paidOrder = after(pay("p1"));
    private final Order shippedOrder = after(pay("p1"), ship("s1"));
    private final Order deliveredOrder = after(pay("p1"), ship("s1"), deliver("d1"));
    private final Order cancelledOrder = after(cancel("x1"));

    @Nested
    class PayOrder {

        @Test
        void pays_a_placed_order_its_total() {
            List<OrderEvent> events = when(pay("c1"), placed);

            assertThat(events).containsExactly(paid("c1", 2, TOTAL));
            Order next = OrderDecider.evolve(placed, events.get(0));
            assertThat(next.status()).isEqualTo(OrderStatus.PAID);
            assertThat(next.paymentRef()).isEqualTo("pay-ref-1");
            assertThat(next.version()).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(longs = {TOTAL - 1, TOTAL + 1, 0, -TOTAL})
        void refuses_an_amount_other_than_the_total(long amount) {
            OrderEvent.CommandRejected rejection =
                    assertRejected(when(pay("c1", amount, "ref"), placed), RejectionCode.AMOUNT_MISMATCH, 1);

            assertThat(rejection.reason())
                    .isEqualTo("amountCents " + amount + " does not equal the order total of 335 minor units of EUR");
            assertThat(rejection.commandType()).isEqualTo("PayOrder");
            assertThat(rejection.cartId()).isEqualTo(CART);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t\n"})
        void refuses_a_blank_payment_ref(String paymentRef) {
            assertThat(when(pay("c1", TOTAL, paymentRef), placed)).containsExactly(rejected("c1", 1, "PayOrder",
                    RejectionCode.INVALID_FIELD, "paymentRef must not be blank"));
        }

        @Test
        void refuses_to_pay_twice() {
            assertThat(when(pay("c2"), paidOrder)).containsExactly(rejected("c2", 2, "PayOrder",
                    RejectionCode.INVALID_TRANSITION, "order order-1 is PAID; PayOrder needs an order that is PLACED"));
        }

        @Test
        void refuses_to_pay_a_shipped_delivered_or_cancelled_order() {
            assertRejected(when(pay("c9"), shippedOrder), RejectionCode.INVALID_TRANSITION, 3);
            assertRejected(when(pay("c9"), deliveredOrder), RejectionCode.INVALID_TRANSITION, 4);
            assertRejected(when(pay("c9"), cancelledOrder), RejectionCode.INVALID_TRANSITION, 2);
        }

        @Test
        void judges_the_transition_before_the_amount() {
            assertRejected(when(pay("c2", 1, "ref"), paidOrder), RejectionCode.INVALID_TRANSITION, 2);
        }
    }

    @Nested
    class ShipOrder {

        @Test
        void ships_a_paid_order() {
            List<OrderEvent> events = when(ship("c2"), paidOrder);

            assertThat(events).containsExactly(shipped("c2", 3));
            Order next = OrderDecider.evolve(paidOrder, events.get(0));
            assertThat(next.status()).isEqualTo(OrderStatus.SHIPPED);
            assertThat(next.carrier()).isEqualTo("DHL");
            assertThat(next.trackingId()).isEqualTo("track-1");
            assertThat(next.paymentRef()).isEqualTo("pay-ref-1");
        }

        @Test
        void refuses_to_ship_before_payment() {
            assertThat(when(ship("c1"), placed)).containsExactly(rejected("c1", 1, "ShipOrder",
                    RejectionCode.INVALID_TRANSITION,
                    "order order-1 is PLACED; ShipOrder needs an order that is PAID"));
        }

        @Test
        void refuses_to_ship_a_cancelled_order() {
            assertThat(when(ship("c2"), cancelledOrder)).containsExactly(rejected("c2", 2, "ShipOrder",
                    RejectionCode.INVALID_TRANSITION,
                    "order order-1 is CANCELLED; ShipOrder needs an order that is PAID"));
        }

        @Test
        void refuses_to_ship_twice_or_after_delivery() {
            assertRejected(when(ship("c9"), shippedOrder), RejectionCode.INVALID_TRANSITION, 3);
            assertRejected(when(ship("c9"), deliveredOrder), RejectionCode.INVALID_TRANSITION, 4);
        }

        @Test
        void refuses_a_blank_carrier_or_tracking_id() {
            assertThat(when(ship("c2", " ", "track-1"), paidOrder)).containsExactly(rejected("c2", 2, "ShipOrder",
                    RejectionCode.INVALID_FIELD, "carrier must not be blank"));
            assertThat(when(ship("c2", "DHL", ""), paidOrder)).containsExactly(rejected("c2", 2, "ShipOrder",
                    RejectionCode.INVALID_FIELD, "trackingId must not be blank"));
        }

        @Test
        void judges_the_fields_before_the_transition() {
            assertRejected(when(ship("c1", "", "track-1"), placed), RejectionCode.INVALID_FIELD, 1);
        }
    }

    @Nested
    class DeliverOrder {

        @Test
        void delivers_a_shipped_order() {
            List<OrderEvent> events = when(deliver("c3"), shippedOrder);

            assertThat(events).containsExactly(delivered("c3", 4));
            Order next = OrderDecider.evolve(shippedOrder, events.get(0));
            assertThat(next.status()).isEqualTo(OrderStatus.DELIVERED);
            assertThat(next.carrier()).isEqualTo("DHL");
        }

        @Test
        void refuses_to_deliver_before_shipping() {
            assertThat(when(deliver("c1"), placed)).containsExactly(rejected("c1", 1, "DeliverOrder",
                    RejectionCode.INVALID_TRANSITION,
                    "order order-1 is PLACED; DeliverOrder needs an order that is SHIPPED"));
            assertRejected(when(deliver("c2"), paidOrder), RejectionCode.INVALID_TRANSITION, 2);
        }

        @Test
        void refuses_to_deliver_twice_or_a_cancelled_order() {
            assertRejected(when(deliver("c9"), deliveredOrder), RejectionCode.INVALID_TRANSITION, 4);
            assertRejected(when(deliver("c9"), cancelledOrder), RejectionCode.INVALID_TRANSITION, 2);
        }
    }

    @Nested
    class CancelOrder {

        @Test
        void cancels_a_placed_order() {
            List<OrderEvent> events = when(cancel("c1", "too slow"), placed);

            assertThat(events).containsExactly(cancelled("c1", 2, "too slow"));
            Order next = OrderDecider.evolve(placed, events.get(0));
            assertThat(next.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(next.cancelReason()).isEqualTo("too slow");
        }

        @Test
        void cancels_a_paid_order_keeping_its_payment_ref() {
            List<OrderEvent> events = when(cancel("c2", "refund"), paidOrder);

            assertThat(events).containsExactly(cancelled("c2", 3, "refund"));
            Order next = OrderDecider.evolve(paidOrder, events.get(0));
            assertThat(next.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(next.paymentRef()).isEqualTo("pay-ref-1");
        }

        @Test
        void refuses_to_cancel_a_shipped_order() {
            assertThat(when(cancel("c3"), shippedOrder)).containsExactly(rejected("c3", 3, "CancelOrder",
                    RejectionCode.INVALID_TRANSITION,
                    "order order-1 is SHIPPED; CancelOrder needs an order that is PLACED or PAID"));
        }

        @Test
        void refuses_to_cancel_a_delivered_or_cancelled_order() {
            assertRejected(when(cancel("c9"), deliveredOrder), RejectionCode.INVALID_TRANSITION, 4);
            assertRejected(when(cancel("c9"), cancelledOrder), RejectionCode.INVALID_TRANSITION, 2);
        }

        @Test
        void refuses_a_blank_reason() {
            assertThat(when(cancel("c1", "  "), placed)).containsExactly(rejected("c1", 1, "CancelOrder",
                    RejectionCode.INVALID_FIELD, "reason must not be blank"));
        }
    }

    @Nested
    class ANonexistentOrder {

        @Test
        void refuses_every_command_as_not_found_against_version_0_without_a_cart() {
            Order none = Order.none(ORDER);

            for (OrderCommand command : List.of(pay("c1"), ship("c1"), deliver("c1"), cancel("c1"))) {
                List<OrderEvent> events = when(command, none);

                OrderEvent.CommandRejected rejection = assertRejected(events, RejectionCode.ORDER_NOT_FOUND, 0);
                assertThat(rejection.cartId()).isNull();
                assertThat(rejection.reason()).isEqualTo("order order-1 does not exist");
                assertThat(rejection.commandType()).isEqualTo(command.getClass().getSimpleName());
                assertThat(OrderDecider.evolve(none, rejection)).isSameAs(none);
            }
        }

        @Test
        void is_not_found_before_its_fields_are_judged() {
            assertRejected(when(pay("c1", 5, " "), Order.none(ORDER)), RejectionCode.ORDER_NOT_FOUND, 0);
        }
    }

    @Nested
    class ARejectedOrder {

        @Test
        void refuses_every_command_as_rejected_with_its_cart() {
            Order rejected = rejectedOrder();

            for (OrderCommand command : List.of(pay("c1", 80, "ref"), ship("c1"), deliver("c1"), cancel("c1"))) {
                OrderEvent.CommandRejected rejection =
                        assertRejected(when(command, rejected), RejectionCode.ORDER_REJECTED, 1);

                assertThat(rejection.cartId()).isEqualTo(CART);
                assertThat(rejection.reason()).isEqualTo("order order-1 was rejected at placement (PRODUCT_INACTIVE); "
                        + command.getClass().getSimpleName() + " is refused");
            }
        }
    }

    @Nested
    class EveryDecision {

        @Test
        void is_deterministic_equal_input_gives_equal_events() {
            for (OrderCommand command : List.of(pay("c2"), pay("c2", 1, "r"), ship("c2"), deliver("c2"),
                    cancel("c2"), cancel("c2", ""))) {
                assertThat(when(command, placed)).isEqualTo(when(command, placed)).hasSize(1);
            }
        }

        @Test
        void carries_an_event_id_derived_from_order_and_command_and_the_given_timestamp() {
            for (OrderEvent event : List.of(when(pay("c2"), placed).get(0), when(ship("c2"), placed).get(0))) {
                assertThat(event.eventId()).isEqualTo(EventIds.eventId("order", ORDER, "c2", 0));
                assertThat(event.orderId()).isEqualTo(ORDER);
                assertThat(event.commandId()).isEqualTo("c2");
                assertThat(event.cartId()).isEqualTo(CART);
                assertThat(event.occurredAt()).isEqualTo(AT);
                assertThat(event.schemaVersion()).isEqualTo(OrderEvent.SCHEMA_VERSION);
            }
        }

        @Test
        void a_rejection_changes_neither_state_nor_version() {
            List<OrderEvent> events = when(ship("c2"), placed);

            assertRejected(events, RejectionCode.INVALID_TRANSITION, 1);
            assertThat(OrderDecider.evolve(placed, events.get(0))).isSameAs(placed);
            assertThat(when(pay("c3"), placed).get(0).version()).isEqualTo(2);
        }

        @Test
        void accepts_a_body_that_repeats_the_order_id() {
            OrderCommand command = new OrderCommand.PayOrder("c1", ORDER, TOTAL, "pay-ref-1");

            assertThat(when(command, placed)).containsExactly(paid("c1", 2, TOTAL));
        }

        @Test
        void refuses_loudly_a_command_for_another_order_as_a_caller_bug() {
            OrderCommand command = new OrderCommand.DeliverOrder("c1", "order-2");

            assertThatThrownBy(() -> OrderDecider.decide(command, placed, AT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order-2");
        }
    }
}
