package io.shopstreams.order.domain;

import io.shopstreams.events.Catalog;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopstreams.order.domain.OrderFixtures.APPLE;
import static io.shopstreams.order.domain.OrderFixtures.AT;
import static io.shopstreams.order.domain.OrderFixtures.CART;
import static io.shopstreams.order.domain.OrderFixtures.CATALOG;
import static io.shopstreams.order.domain.OrderFixtures.CHECKOUT_EVENT;
import static io.shopstreams.order.domain.OrderFixtures.CUSTOMER;
import static io.shopstreams.order.domain.OrderFixtures.KIWI;
import static io.shopstreams.order.domain.OrderFixtures.LINES;
import static io.shopstreams.order.domain.OrderFixtures.ORDER;
import static io.shopstreams.order.domain.OrderFixtures.PEAR;
import static io.shopstreams.order.domain.OrderFixtures.PLUM;
import static io.shopstreams.order.domain.OrderFixtures.TOTAL;
import static io.shopstreams.order.domain.OrderFixtures.catalog;
import static io.shopstreams.order.domain.OrderFixtures.checkout;
import static io.shopstreams.order.domain.OrderFixtures.line;
import static io.shopstreams.order.domain.OrderFixtures.orderRejected;
import static io.shopstreams.order.domain.OrderFixtures.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** place(): given a catalog and a policy, when a CartCheckedOut, then exactly one OrderPlaced or OrderRejected. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrderPlaceTest {

    private static final Order NONEXISTENT = Order.none(ORDER);

    private static List<OrderEvent> whenPlaced(CartEvent.CartCheckedOut checkout, Catalog catalog,
                                               OrderPolicy policy) {
        return OrderDecider.place(checkout, NONEXISTENT, catalog, policy, AT);
    }

    @Nested
    class AnAcceptableCheckout {

        @Test
        void places_the_order_with_the_checkout_s_cart_customer_lines_and_total() {
            List<OrderEvent> events = whenPlaced(checkout(), CATALOG, OrderPolicy.DEFAULT);

            assertThat(events).containsExactly(placed());
            OrderEvent.OrderPlaced placed = (OrderEvent.OrderPlaced) events.get(0);
            assertThat(placed.commandId()).isEqualTo(CHECKOUT_EVENT);
            assertThat(placed.eventId()).isEqualTo(EventIds.eventId("order", ORDER, CHECKOUT_EVENT, 0));
            assertThat(placed.version()).isEqualTo(1);
            assertThat(placed.occurredAt()).isEqualTo(AT);
        }

        @Test
        void leaves_a_placed_order_at_version_1() {
            Order order = OrderDecider.fold(ORDER, whenPlaced(checkout(), CATALOG, OrderPolicy.DEFAULT));

            assertThat(order).isEqualTo(new Order(ORDER, CART, CUSTOMER, OrderStatus.PLACED, LINES, TOTAL, "EUR", 1,
                    AT, null, null, null, null, null, null));
            assertThat(order.exists()).isTrue();
        }

        @Test
        void keeps_the_cart_s_price_even_if_the_catalog_changed_it_since() {
            Product repriced = new Product("apple", "Apple", 999, "EUR", true);

            assertThat(whenPlaced(checkout(), catalog(repriced, PEAR), OrderPolicy.DEFAULT))
                    .containsExactly(placed());
        }

        @Test
        void with_a_total_equal_to_the_maximum_is_placed() {
            assertThat(whenPlaced(checkout(), CATALOG, new OrderPolicy(TOTAL))).containsExactly(placed());
        }
    }

    @Nested
    class ACheckoutWithAnUnavailableProduct {

        @Test
        void is_rejected_when_a_line_s_product_is_inactive() {
            List<Line> lines = List.of(line(APPLE, 1), line(PLUM, 2));

            assertThat(whenPlaced(checkout(lines, 280), CATALOG, OrderPolicy.DEFAULT)).containsExactly(orderRejected(
                    RejectionCode.PRODUCT_INACTIVE, "products not available at placement: plum (inactive)"));
        }

        @Test
        void is_rejected_when_a_line_s_product_is_gone_from_the_catalog() {
            List<Line> lines = List.of(line(KIWI, 1), line(APPLE, 1));

            assertThat(whenPlaced(checkout(lines, 180), CATALOG, OrderPolicy.DEFAULT)).containsExactly(orderRejected(
                    RejectionCode.PRODUCT_INACTIVE, "products not available at placement: kiwi (not in the catalog)"));
        }

        @Test
        void names_every_unavailable_sku_in_line_order() {
            List<Line> lines = List.of(line(PLUM, 1), line(APPLE, 1), line(KIWI, 1));

            List<OrderEvent> events = whenPlaced(checkout(lines, 260), CATALOG, OrderPolicy.DEFAULT);

            assertThat(((OrderEvent.OrderRejected) events.get(0)).reason()).isEqualTo(
                    "products not available at placement: plum (inactive), kiwi (not in the catalog)");
        }

        @Test
        void is_rejected_for_the_product_before_the_total() {
            List<OrderEvent> events = whenPlaced(checkout(List.of(line(PLUM, 1)), 80), CATALOG, new OrderPolicy(0));

            assertThat(((OrderEvent.OrderRejected) events.get(0)).code()).isEqualTo("PRODUCT_INACTIVE");
        }
    }

    @Nested
    class ACheckoutOverTheMaximumTotal {

        @Test
        void is_rejected_one_minor_unit_above_the_maximum() {
            assertThat(whenPlaced(checkout(), CATALOG, new OrderPolicy(TOTAL - 1))).containsExactly(orderRejected(
                    RejectionCode.TOTAL_TOO_HIGH, "total 335 minor units of EUR exceeds the maximum of 334"));
        }

        @Test
        void is_judged_by_the_default_maximum_of_one_million_in_minor_units() {
            Product gold = new Product("gold", "Gold bar", 100_000_000L, "EUR", true);
            Catalog catalog = catalog(gold, APPLE);

            assertThat(OrderPolicy.DEFAULT.maxTotalCents()).isEqualTo(100_000_000L);
            assertThat(whenPlaced(checkout(List.of(line(gold, 1)), 100_000_000L), catalog, OrderPolicy.DEFAULT))
                    .singleElement().isInstanceOf(OrderEvent.OrderPlaced.class);
            List<Line> over = List.of(line(gold, 1), line(APPLE, 1));
            assertThat(whenPlaced(checkout(over, 100_000_120L), catalog, OrderPolicy.DEFAULT))
                    .singleElement().isInstanceOf(OrderEvent.OrderRejected.class)
                    .extracting(event -> ((OrderEvent.OrderRejected) event).code()).isEqualTo("TOTAL_TOO_HIGH");
        }

        @Test
        void refuses_a_negative_maximum_as_a_configuration_error() {
            assertThatThrownBy(() -> new OrderPolicy(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
        }
    }

    @Nested
    class ARejectedCheckout {

        @Test
        void leaves_an_existing_rejected_order_that_keeps_its_customer_code_and_reason() {
            Order order = OrderDecider.fold(ORDER,
                    whenPlaced(checkout(List.of(line(PLUM, 1)), 80), CATALOG, OrderPolicy.DEFAULT));

            assertThat(order).isEqualTo(new Order(ORDER, CART, CUSTOMER, OrderStatus.REJECTED, List.of(), 0, null, 1, AT,
                    null, null, null, null, "PRODUCT_INACTIVE",
                    "products not available at placement: plum (inactive)"));
            assertThat(order.exists()).isTrue();
        }
    }

    @Nested
    class ADuplicateCheckout {

        @Test
        void of_a_placed_order_yields_no_event() {
            Order placedOrder = OrderDecider.fold(ORDER, List.of(placed()));

            assertThat(OrderDecider.place(checkout(), placedOrder, CATALOG, OrderPolicy.DEFAULT, AT)).isEmpty();
        }

        @Test
        void of_a_rejected_order_yields_no_event_even_if_it_would_now_be_placed() {
            Order rejectedOrder = OrderFixtures.rejectedOrder();
            Product reactivated = new Product("plum", "Plum", 80, "EUR", true);

            assertThat(OrderDecider.place(checkout(List.of(line(PLUM, 1)), 80), rejectedOrder,
                    catalog(reactivated), OrderPolicy.DEFAULT, AT)).isEmpty();
        }

        @Test
        void of_an_order_further_down_its_lifecycle_yields_no_event() {
            Order shipped = OrderFixtures.after(OrderFixtures.pay("p1"), OrderFixtures.ship("s1"));

            assertThat(OrderDecider.place(checkout(), shipped, CATALOG, OrderPolicy.DEFAULT, AT)).isEmpty();
        }
    }

    @Test
    void is_deterministic_equal_input_gives_equal_events() {
        for (CartEvent.CartCheckedOut checkout : List.of(checkout(), checkout(List.of(line(PLUM, 1)), 80))) {
            assertThat(whenPlaced(checkout, CATALOG, OrderPolicy.DEFAULT))
                    .isEqualTo(whenPlaced(checkout, CATALOG, OrderPolicy.DEFAULT)).hasSize(1);
        }
    }

    @Test
    void refuses_loudly_a_checkout_for_another_order_as_a_caller_bug() {
        assertThatThrownBy(() -> OrderDecider.place(checkout(), Order.none("order-2"), CATALOG, OrderPolicy.DEFAULT,
                AT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order-2");
    }
}
