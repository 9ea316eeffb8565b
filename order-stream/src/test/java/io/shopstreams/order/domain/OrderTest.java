package io.shopstreams.order.domain;

import io.shopstreams.events.Line;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.shopstreams.order.domain.OrderFixtures.AT;
import static io.shopstreams.order.domain.OrderFixtures.CART;
import static io.shopstreams.order.domain.OrderFixtures.ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Order record's own contract: none/exists and the invariants its constructor enforces. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrderTest {

    @Test
    void none_does_not_exist_and_has_version_0_and_no_status() {
        Order none = Order.none(ORDER);

        assertThat(none.exists()).isFalse();
        assertThat(none.version()).isZero();
        assertThat(none.status()).isNull();
        assertThat(none.cartId()).isNull();
        assertThat(none.lines()).isEmpty();
    }

    @Test
    void lines_are_copied_so_the_order_stays_immutable() {
        List<Line> lines = new ArrayList<>(OrderFixtures.LINES);
        Order order = new Order(ORDER, CART, "c", OrderStatus.PLACED, lines, 335, "EUR", 1, AT, null, null, null,
                null, null, null);

        lines.clear();

        assertThat(order.lines()).hasSize(2);
        assertThatThrownBy(() -> order.lines().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void an_existing_order_needs_a_status_a_cart_and_a_placement_time() {
        assertThatThrownBy(() -> new Order(ORDER, CART, "c", null, List.of(), 0, null, 1, AT, null, null, null,
                null, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> new Order(ORDER, null, "c", OrderStatus.PLACED, List.of(), 0, null, 1, AT, null,
                null, null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Order(ORDER, CART, "c", OrderStatus.PLACED, List.of(), 0, null, 1, null,
                null, null, null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_nonexistent_order_has_no_status() {
        assertThatThrownBy(() -> new Order(ORDER, CART, "c", OrderStatus.PLACED, List.of(), 0, null, 0, AT, null,
                null, null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_negative_version_is_refused() {
        assertThatThrownBy(() -> new Order(ORDER, null, null, null, List.of(), 0, null, -1, null, null, null, null,
                null, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
