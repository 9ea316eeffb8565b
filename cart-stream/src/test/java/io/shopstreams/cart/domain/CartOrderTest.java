package io.shopstreams.cart.domain;

import io.shopstreams.cart.domain.CartOrder.Status;
import io.shopstreams.events.OrderEvent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopstreams.cart.domain.CartFixtures.AT;
import static io.shopstreams.cart.domain.CartFixtures.CART;
import static io.shopstreams.cart.domain.CartFixtures.CUSTOMER;
import static io.shopstreams.cart.domain.CartFixtures.orderRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CartOrder.evolve(): the cart's view of its order's status, kept from order-events. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CartOrderTest {

    private static final String ORDER = "order-1";
    private static final int V = OrderEvent.SCHEMA_VERSION;

    @Test
    void follows_an_order_from_placed_to_delivered() {
        CartOrder view = CartOrder.evolve(null, placed(ORDER));
        assertThat(view).isEqualTo(new CartOrder(ORDER, Status.PLACED));

        view = CartOrder.evolve(view, new OrderEvent.OrderPaid("e2", ORDER, "p", 2, AT, V, CART, 500, "pay-1"));
        assertThat(view).isEqualTo(new CartOrder(ORDER, Status.PAID));

        view = CartOrder.evolve(view, new OrderEvent.OrderShipped("e3", ORDER, "s", 3, AT, V, CART, "ups", "t-1"));
        assertThat(view).isEqualTo(new CartOrder(ORDER, Status.SHIPPED));

        view = CartOrder.evolve(view, new OrderEvent.OrderDelivered("e4", ORDER, "d", 4, AT, V, CART));
        assertThat(view).isEqualTo(new CartOrder(ORDER, Status.DELIVERED));
    }

    @Test
    void shows_a_cancelled_order() {
        CartOrder view = CartOrder.evolve(CartOrder.evolve(null, placed(ORDER)),
                new OrderEvent.OrderCancelled("e2", ORDER, "c", 2, AT, V, CART, "changed my mind"));

        assertThat(view).isEqualTo(new CartOrder(ORDER, Status.CANCELLED));
    }

    @Test
    void shows_a_rejected_order() {
        assertThat(CartOrder.evolve(null, orderRejected("e1", ORDER, CART)))
                .isEqualTo(new CartOrder(ORDER, Status.REJECTED));
    }

    @Test
    void keeps_the_view_on_a_command_rejection() {
        CartOrder placed = CartOrder.evolve(null, placed(ORDER));
        OrderEvent rejection = new OrderEvent.CommandRejected("e2", ORDER, "x", 1, AT, V, CART, "ShipOrder",
                "ORDER_NOT_PAID", "order-1 is not paid");

        assertThat(CartOrder.evolve(placed, rejection)).isSameAs(placed);
        assertThat(CartOrder.evolve(null, rejection)).isNull();
    }

    @Test
    void an_event_of_another_order_than_the_view_is_a_bug_and_fails_loudly() {
        CartOrder current = CartOrder.evolve(null, placed("order-2"));

        assertThatThrownBy(() -> CartOrder.evolve(current,
                new OrderEvent.OrderCancelled("e9", ORDER, "c", 3, AT, V, CART, "late")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the view of order order-2 cannot follow OrderCancelled e9 of order order-1");
    }

    private static OrderEvent.OrderPlaced placed(String orderId) {
        return new OrderEvent.OrderPlaced("e-" + orderId, orderId, "checkout", 1, AT, V, CART, CUSTOMER, List.of(),
                0, "EUR");
    }
}
