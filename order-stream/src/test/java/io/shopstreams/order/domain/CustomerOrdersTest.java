package io.shopstreams.order.domain;

import io.shopstreams.events.OrderEvent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.shopstreams.order.domain.OrderFixtures.CUSTOMER;
import static io.shopstreams.order.domain.OrderFixtures.LINES;
import static io.shopstreams.order.domain.OrderFixtures.TOTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CustomerOrders.evolve(): the customer index, updated from each order's new state. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CustomerOrdersTest {

    private static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2024-05-02T10:00:00Z");

    /** An order placed for {@link OrderFixtures#CUSTOMER} at this time, then moved to this status and version. */
    static Order order(String orderId, Instant placedAt, OrderStatus status, long version) {
        return new Order(orderId, "cart-" + orderId, CUSTOMER, status, LINES, TOTAL, "EUR", version, placedAt, null,
                null, null, null, null, null);
    }

    @Nested
    class Insert {

        @Test
        void creates_the_index_of_a_customer_not_seen_yet() {
            Order order = order("o-1", T1, OrderStatus.PLACED, 1);

            CustomerOrders index = CustomerOrders.evolve(null, CUSTOMER, order);

            assertThat(index).isEqualTo(new CustomerOrders(CUSTOMER, List.of(
                    new CustomerOrder("o-1", "cart-o-1", "PLACED", TOTAL, "EUR", T1, 1))));
        }

        @Test
        void adds_another_order_of_the_same_customer() {
            CustomerOrders index = CustomerOrders.evolve(null, CUSTOMER, order("o-1", T1, OrderStatus.PLACED, 1));

            index = CustomerOrders.evolve(index, CUSTOMER, order("o-2", T2, OrderStatus.PLACED, 1));

            assertThat(index.orders()).extracting(CustomerOrder::orderId).containsExactly("o-1", "o-2");
        }

        @Test
        void refuses_a_nonexistent_order() {
            assertThatThrownBy(() -> CustomerOrders.evolve(null, CUSTOMER, Order.none("o-1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        }

        @Test
        void refuses_another_customer_s_order_or_index() {
            Order foreign = new Order("o-9", "cart-9", "customer-8", OrderStatus.PLACED, LINES, TOTAL, "EUR", 1, T1,
                    null, null, null, null, null, null);
            CustomerOrders othersIndex = CustomerOrders.empty("customer-8");

            assertThatThrownBy(() -> CustomerOrders.evolve(null, CUSTOMER, foreign))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customer-8");
            assertThatThrownBy(() -> CustomerOrders.evolve(othersIndex, CUSTOMER, order("o-1", T1,
                    OrderStatus.PLACED, 1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("customer-8");
        }

        @Test
        void files_a_rejected_order_under_the_customer_its_rejection_names() {
            Order rejected = OrderDecider.fold("o-1", List.of(new OrderEvent.OrderRejected("e", "o-1", "x", 1, T1, 1,
                    "cart-1", CUSTOMER, "PRODUCT_INACTIVE", "plum")));

            CustomerOrders index = CustomerOrders.evolve(null, CUSTOMER, rejected);

            assertThat(index.orders()).containsExactly(new CustomerOrder("o-1", "cart-1", "REJECTED", 0, null, T1, 1));
        }
    }

    @Nested
    class Replace {

        @Test
        void replaces_the_entry_of_the_same_order_with_its_new_state() {
            CustomerOrders index = CustomerOrders.evolve(null, CUSTOMER, order("o-1", T1, OrderStatus.PLACED, 1));
            index = CustomerOrders.evolve(index, CUSTOMER, order("o-2", T2, OrderStatus.PLACED, 1));

            index = CustomerOrders.evolve(index, CUSTOMER, order("o-1", T1, OrderStatus.PAID, 2));

            assertThat(index.orders()).containsExactly(
                    new CustomerOrder("o-1", "cart-o-1", "PAID", TOTAL, "EUR", T1, 2),
                    new CustomerOrder("o-2", "cart-o-2", "PLACED", TOTAL, "EUR", T2, 1));
        }

        @Test
        void applying_the_same_state_twice_changes_nothing() {
            Order order = order("o-1", T1, OrderStatus.PAID, 2);
            CustomerOrders once = CustomerOrders.evolve(null, CUSTOMER, order);

            assertThat(CustomerOrders.evolve(once, CUSTOMER, order)).isEqualTo(once);
        }

        @Test
        void ignores_a_state_older_than_the_entry() {
            CustomerOrders index = CustomerOrders.evolve(null, CUSTOMER, order("o-1", T1, OrderStatus.SHIPPED, 3));

            assertThat(CustomerOrders.evolve(index, CUSTOMER, order("o-1", T1, OrderStatus.PAID, 2)))
                    .isSameAs(index);
        }
    }

    @Nested
    class Ordering {

        @Test
        void sorts_by_placement_time_then_order_id_whatever_the_update_order() {
            Order late = order("o-a", T2, OrderStatus.PLACED, 1);
            Order earlyB = order("o-b", T1, OrderStatus.PLACED, 1);
            Order earlyA = order("o-c", T1, OrderStatus.PLACED, 1);
            CustomerOrders one = null;
            CustomerOrders other = null;
            for (Order order : List.of(late, earlyB, earlyA)) {
                one = CustomerOrders.evolve(one, CUSTOMER, order);
            }
            for (Order order : List.of(earlyA, late, earlyB)) {
                other = CustomerOrders.evolve(other, CUSTOMER, order);
            }

            assertThat(one.orders()).extracting(CustomerOrder::orderId).containsExactly("o-b", "o-c", "o-a");
            assertThat(other).isEqualTo(one);
        }

        @Test
        void is_built_from_orders_decided_by_the_decider() {
            Order placed = OrderFixtures.after();
            Order paid = OrderFixtures.after(OrderFixtures.pay("p1"));

            CustomerOrders index = CustomerOrders.evolve(CustomerOrders.evolve(null, CUSTOMER, placed), CUSTOMER,
                    paid);

            assertThat(index).isEqualTo(new CustomerOrders(CUSTOMER, List.of(CustomerOrder.of(paid))));
            assertThat(CustomerOrder.of(paid)).isEqualTo(new CustomerOrder(OrderFixtures.ORDER, OrderFixtures.CART,
                    "PAID", TOTAL, "EUR", OrderFixtures.AT, 2));
        }
    }
}
