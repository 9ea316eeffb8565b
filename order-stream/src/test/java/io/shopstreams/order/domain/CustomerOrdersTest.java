package io.shopstreams.order.domain;

import io.shopstreams.events.OrderEvent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.shopstreams.order.domain.OrderFixtures.CUSTOMER;
import static io.shopstreams.order.domain.OrderFixtures.LINES;
import static io.shopstreams.order.domain.OrderFixtures.TOTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The customer index: an entry per order (CustomerOrder.of, latest), listed sorted (CustomerOrders.of). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CustomerOrdersTest {

    private static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2024-05-02T10:00:00Z");

    /** An order placed for {@link OrderFixtures#CUSTOMER} at this time, then moved to this status and version. */
    static Order order(String orderId, Instant placedAt, OrderStatus status, long version) {
        return new Order(orderId, "cart-" + orderId, CUSTOMER, status, LINES, TOTAL, "EUR", version, placedAt, null,
                null, null, null, null, null);
    }

    static CustomerOrder entry(String orderId, Instant placedAt, OrderStatus status, long version) {
        return CustomerOrder.of(order(orderId, placedAt, status, version));
    }

    @Nested
    class Entry {

        @Test
        void summarises_an_order_s_current_state() {
            assertThat(CustomerOrder.of(order("o-1", T1, OrderStatus.PLACED, 1)))
                    .isEqualTo(new CustomerOrder("o-1", "cart-o-1", "PLACED", TOTAL, "EUR", T1, 1));
        }

        @Test
        void refuses_a_nonexistent_order() {
            assertThatThrownBy(() -> CustomerOrder.of(Order.none("o-1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        }

        @Test
        void lists_a_rejected_order_with_its_rejection() {
            Order rejected = OrderDecider.fold("o-1", List.of(new OrderEvent.OrderRejected("e", "o-1", "x", 1, T1, 1,
                    "cart-1", CUSTOMER, "PRODUCT_INACTIVE", "plum")));

            assertThat(rejected.customerId()).isEqualTo(CUSTOMER);
            assertThat(CustomerOrder.of(rejected))
                    .isEqualTo(new CustomerOrder("o-1", "cart-1", "REJECTED", 0, null, T1, 1));
        }

        @Test
        void is_built_from_orders_decided_by_the_decider() {
            Order paid = OrderFixtures.after(OrderFixtures.pay("p1"));

            assertThat(CustomerOrder.of(paid)).isEqualTo(new CustomerOrder(OrderFixtures.ORDER, OrderFixtures.CART,
                    "PAID", TOTAL, "EUR", OrderFixtures.AT, 2));
        }
    }

    @Nested
    class Latest {

        @Test
        void takes_the_first_entry_of_an_order_not_seen_yet() {
            CustomerOrder placed = entry("o-1", T1, OrderStatus.PLACED, 1);

            assertThat(CustomerOrder.latest(null, placed)).isSameAs(placed);
        }

        @Test
        void replaces_the_entry_with_the_order_s_newer_state() {
            CustomerOrder paid = entry("o-1", T1, OrderStatus.PAID, 2);

            assertThat(CustomerOrder.latest(entry("o-1", T1, OrderStatus.PLACED, 1), paid)).isSameAs(paid);
        }

        @Test
        void applying_the_same_state_twice_keeps_the_entry() {
            CustomerOrder once = entry("o-1", T1, OrderStatus.PAID, 2);

            assertThat(CustomerOrder.latest(once, entry("o-1", T1, OrderStatus.PAID, 2))).isSameAs(once);
        }

        @Test
        void ignores_a_state_older_than_the_entry() {
            CustomerOrder shipped = entry("o-1", T1, OrderStatus.SHIPPED, 3);

            assertThat(CustomerOrder.latest(shipped, entry("o-1", T1, OrderStatus.PAID, 2))).isSameAs(shipped);
        }

        @Test
        void refuses_another_order_s_entry() {
            assertThatThrownBy(() -> CustomerOrder.latest(entry("o-1", T1, OrderStatus.PLACED, 1),
                    entry("o-2", T1, OrderStatus.PLACED, 1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("o-1").hasMessageContaining("o-2");
        }
    }

    @Nested
    class Listing {

        @Test
        void sorts_by_placement_time_then_order_id_whatever_the_update_order() {
            List<CustomerOrder> updates = List.of(entry("o-a", T2, OrderStatus.PLACED, 1),
                    entry("o-b", T1, OrderStatus.PLACED, 1), entry("o-c", T1, OrderStatus.PLACED, 1),
                    entry("o-b", T1, OrderStatus.PAID, 2));
            List<CustomerOrder> reversed = new ArrayList<>(updates);
            Collections.reverse(reversed);

            CustomerOrders one = CustomerOrders.of(CUSTOMER, fold(updates));
            CustomerOrders other = CustomerOrders.of(CUSTOMER, fold(reversed));

            assertThat(one.orders()).extracting(CustomerOrder::orderId, CustomerOrder::status)
                    .containsExactly(tuple("o-b", "PAID"), tuple("o-c", "PLACED"), tuple("o-a", "PLACED"));
            assertThat(other).isEqualTo(one);
        }

        @Test
        void lists_a_customer_without_orders_as_empty() {
            assertThat(CustomerOrders.of(CUSTOMER, List.of())).isEqualTo(CustomerOrders.empty(CUSTOMER));
        }

        /** What the index's store holds after these updates: per order, its latest entry. */
        private static List<CustomerOrder> fold(List<CustomerOrder> updates) {
            Map<String, CustomerOrder> entries = new LinkedHashMap<>();
            updates.forEach(update -> entries.put(update.orderId(),
                    CustomerOrder.latest(entries.get(update.orderId()), update)));
            return List.copyOf(entries.values());
        }
    }
}
