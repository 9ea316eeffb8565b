package io.shopstreams.cart.domain;

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

/** CartOrder.evolve(): the cart's view of its order's status, kept from order-events. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CartOrderTest {

    private static final String ORDER = "order-1";
    private static final int V = OrderEvent.SCHEMA_VERSION;

    @Test
    void follows_an_order_from_placed_to_delivered() {
        CartOrder view = CartOrder.evolve(null, placed(ORDER));
        assertThat(view).isEqualTo(new CartOrder(ORDER, "PLACED"));

        view = CartOrder.evolve(view, new OrderEvent.OrderPaid("e2", ORDER, "p", 2, AT, V, CART, 500, "pay-1"));
        assertThat(view).isEqualTo(new CartOrder(ORDER, "PAID"));

        view = CartOrder.evolve(view, new OrderEvent.OrderShipped("e3", ORDER, "s", 3, AT, V, CART, "ups", "t-1"));
        assertThat(view).isEqualTo(new CartOrder(ORDER, "SHIPPED"));

        view = CartOrder.evolve(view, new OrderEvent.OrderDelivered("e4", ORDER, "d", 4, AT, V, CART));
        assertThat(view).isEqualTo(new CartOrder(ORDER, "DELIVERED"));
    }

    @Test
    void shows_a_cancelled_order() {
        CartOrder view = CartOrder.evolve(CartOrder.evolve(null, placed(ORDER)),
                new OrderEvent.OrderCancelled("e2", ORDER, "c", 2, AT, V, CART, "changed my mind"));

        assertThat(view).isEqualTo(new CartOrder(ORDER, "CANCELLED"));
    }

    @Test
    void shows_a_rejected_order() {
        assertThat(CartOrder.evolve(null, orderRejected("e1", ORDER, CART)))
                .isEqualTo(new CartOrder(ORDER, "REJECTED"));
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
    void a_new_checkout_s_order_replaces_the_rejected_one() {
        CartOrder rejected = CartOrder.evolve(null, orderRejected("e1", ORDER, CART));

        assertThat(CartOrder.evolve(rejected, placed("order-2"))).isEqualTo(new CartOrder("order-2", "PLACED"));
    }

    @Test
    void ignores_a_stale_lifecycle_event_of_another_order() {
        CartOrder current = CartOrder.evolve(null, placed("order-2"));

        assertThat(CartOrder.evolve(current,
                new OrderEvent.OrderCancelled("e9", ORDER, "c", 3, AT, V, CART, "late"))).isSameAs(current);
    }

    private static OrderEvent.OrderPlaced placed(String orderId) {
        return new OrderEvent.OrderPlaced("e-" + orderId, orderId, "checkout", 1, AT, V, CART, CUSTOMER, List.of(),
                0, "EUR");
    }
}
