package io.shopstreams.cart.domain;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.OrderEvent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopstreams.cart.domain.CartFixtures.AT;
import static io.shopstreams.cart.domain.CartFixtures.CART;
import static io.shopstreams.cart.domain.CartFixtures.addItem;
import static io.shopstreams.cart.domain.CartFixtures.after;
import static io.shopstreams.cart.domain.CartFixtures.checkout;
import static io.shopstreams.cart.domain.CartFixtures.orderRejected;
import static io.shopstreams.cart.domain.CartFixtures.reopened;
import static io.shopstreams.cart.domain.CartFixtures.when;
import static org.assertj.core.api.Assertions.assertThat;

/** react(): the saga's compensation, an OrderRejected for the cart's order reopens it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CartReactTest {

    private static final String ORDER = EventIds.orderIdFor(CART, "c2");
    private final Cart checkedOut = after(addItem("c1", "apple", 2), checkout("c2"));

    @Test
    void a_rejection_of_the_cart_s_order_reopens_it_with_its_items() {
        OrderEvent.OrderRejected rejection = orderRejected("order-event-1", ORDER, CART);

        List<CartEvent> events = CartDecider.react(rejection, checkedOut, AT);

        assertThat(events).containsExactly(
                reopened("order-event-1", 3, ORDER, "PRODUCT_INACTIVE: sku apple is inactive"));
        Cart reopened = CartDecider.evolve(checkedOut, events.get(0));
        assertThat(reopened.status()).isEqualTo(CartStatus.OPEN);
        assertThat(reopened.items()).isEqualTo(checkedOut.items());
        assertThat(reopened.currency()).isEqualTo("EUR");
        assertThat(reopened.orderId()).isEqualTo(ORDER);
        assertThat(reopened.version()).isEqualTo(3);
    }

    @Test
    void is_deterministic() {
        OrderEvent.OrderRejected rejection = orderRejected("order-event-1", ORDER, CART);

        assertThat(CartDecider.react(rejection, checkedOut, AT)).isEqualTo(CartDecider.react(rejection, checkedOut, AT));
    }

    @Test
    void a_reopened_cart_takes_commands_again_and_a_new_checkout_gets_a_new_order() {
        Cart reopened = CartDecider.evolve(checkedOut,
                CartDecider.react(orderRejected("order-event-1", ORDER, CART), checkedOut, AT).get(0));

        Cart more = CartDecider.evolve(reopened, when(addItem("c3", "pear", 1), reopened).get(0));
        CartEvent second = when(checkout("c4"), more).get(0);

        assertThat(second).isInstanceOf(CartEvent.CartCheckedOut.class);
        assertThat(((CartEvent.CartCheckedOut) second).orderId()).isEqualTo(EventIds.orderIdFor(CART, "c4"))
                .isNotEqualTo(ORDER);
        assertThat(second.version()).isEqualTo(5);
    }

    @Test
    void a_stale_rejection_of_an_already_reopened_cart_changes_nothing() {
        OrderEvent.OrderRejected rejection = orderRejected("order-event-1", ORDER, CART);
        Cart reopened = CartDecider.evolve(checkedOut, CartDecider.react(rejection, checkedOut, AT).get(0));

        assertThat(CartDecider.react(rejection, reopened, AT)).isEmpty();
    }

    @Test
    void a_rejection_of_an_earlier_order_changes_nothing() {
        Cart reopened = CartDecider.evolve(checkedOut,
                CartDecider.react(orderRejected("order-event-1", ORDER, CART), checkedOut, AT).get(0));
        Cart checkedOutAgain = CartDecider.evolve(reopened, when(checkout("c3"), reopened).get(0));

        assertThat(CartDecider.react(orderRejected("order-event-2", ORDER, CART), checkedOutAgain, AT)).isEmpty();
    }

    @Test
    void a_rejection_of_a_foreign_order_changes_nothing() {
        String foreign = EventIds.orderIdFor("cart-2", "c2");

        assertThat(CartDecider.react(orderRejected("order-event-1", foreign, CART), checkedOut, AT)).isEmpty();
        assertThat(CartDecider.react(orderRejected("order-event-1", ORDER, "cart-2"), checkedOut, AT)).isEmpty();
    }

    @Test
    void a_rejection_for_an_open_or_nonexistent_cart_changes_nothing() {
        Cart open = after(addItem("c1", "apple", 2));

        assertThat(CartDecider.react(orderRejected("order-event-1", ORDER, CART), open, AT)).isEmpty();
        assertThat(CartDecider.react(orderRejected("order-event-1", ORDER, CART), Cart.empty(CART), AT)).isEmpty();
    }
}
