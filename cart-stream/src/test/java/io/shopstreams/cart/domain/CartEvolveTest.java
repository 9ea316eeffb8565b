package io.shopstreams.cart.domain;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.Product;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.shopstreams.cart.domain.CartFixtures.APPLE;
import static io.shopstreams.cart.domain.CartFixtures.AT;
import static io.shopstreams.cart.domain.CartFixtures.CART;
import static io.shopstreams.cart.domain.CartFixtures.CATALOG;
import static io.shopstreams.cart.domain.CartFixtures.HAT;
import static io.shopstreams.cart.domain.CartFixtures.PEAR;
import static io.shopstreams.cart.domain.CartFixtures.addItem;
import static io.shopstreams.cart.domain.CartFixtures.after;
import static io.shopstreams.cart.domain.CartFixtures.cartCleared;
import static io.shopstreams.cart.domain.CartFixtures.changeQuantity;
import static io.shopstreams.cart.domain.CartFixtures.checkedOut;
import static io.shopstreams.cart.domain.CartFixtures.checkout;
import static io.shopstreams.cart.domain.CartFixtures.clearCart;
import static io.shopstreams.cart.domain.CartFixtures.given;
import static io.shopstreams.cart.domain.CartFixtures.itemAdded;
import static io.shopstreams.cart.domain.CartFixtures.itemRemoved;
import static io.shopstreams.cart.domain.CartFixtures.line;
import static io.shopstreams.cart.domain.CartFixtures.orderRejected;
import static io.shopstreams.cart.domain.CartFixtures.quantityChanged;
import static io.shopstreams.cart.domain.CartFixtures.rejected;
import static io.shopstreams.cart.domain.CartFixtures.removeItem;
import static io.shopstreams.cart.domain.CartFixtures.reopened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** evolve() and fold(): replay equals live processing, and an event that cannot apply fails loudly. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CartEvolveTest {

    @Nested
    class Fold {

        @Test
        void of_the_decided_events_equals_the_state_evolved_step_by_step() {
            List<CartEvent> events = new ArrayList<>();
            List<Cart> steps = new ArrayList<>();
            Cart live = Cart.empty(CART);
            for (var command : List.of(addItem("c1", "apple", 2), addItem("c2", "hat", 1), addItem("c3", "pear", 1),
                    changeQuantity("c4", "apple", 5), removeItem("c5", "pear"), removeItem("c6", "kiwi"),
                    checkout("c7"), clearCart("c8"))) {
                for (CartEvent event : CartDecider.decide(command, live, CATALOG, AT)) {
                    live = CartDecider.evolve(live, event);
                    events.add(event);
                    steps.add(live);
                }
            }
            CartEvent reopen = CartDecider.react(orderRejected("oe-1", live.orderId(), CART), live, AT).get(0);
            live = CartDecider.evolve(live, reopen);
            events.add(reopen);

            assertThat(CartDecider.fold(CART, events)).isEqualTo(live);
            assertThat(CartDecider.fold(CART, events.subList(0, 4))).isEqualTo(steps.get(3));
            assertThat(live.version()).isEqualTo(6);
            assertThat(live.items()).containsExactly(new CartItem("apple", "Apple", 120, 5));
        }

        @Test
        void of_no_events_is_the_nonexistent_cart() {
            assertThat(CartDecider.fold(CART, List.of())).isEqualTo(Cart.empty(CART));
        }
    }

    @Nested
    class FailsLoudly {

        private final Cart open = given(itemAdded("c1", 1, APPLE, 2));
        private final Cart checkedOutCart = after(addItem("c1", "apple", 2), checkout("c2"));

        @Test
        void on_an_event_of_another_cart() {
            CartEvent foreign = new CartEvent.ItemRemoved("e", "cart-2", "c2", 2, AT, 1, "apple");

            assertCannotApply(open, foreign, "belongs to cart cart-2");
        }

        @Test
        void on_a_rejection_of_another_cart() {
            CartEvent foreign = new CartEvent.CommandRejected("e", "cart-2", "c2", 1, AT, 1, "AddItem", "X", "y");

            assertCannotApply(open, foreign, "belongs to cart cart-2");
        }

        @Test
        void on_a_version_gap() {
            assertCannotApply(open, itemAdded("c2", 3, PEAR, 1), "must carry version 2");
        }

        @Test
        void on_a_repeated_version() {
            assertCannotApply(open, itemAdded("c2", 1, PEAR, 1), "must carry version 2");
        }

        @Test
        void on_removing_a_sku_not_in_the_cart() {
            assertCannotApply(open, itemRemoved("c2", 2, "pear"), "sku pear is not in the cart");
        }

        @Test
        void on_changing_the_quantity_of_a_sku_not_in_the_cart() {
            assertCannotApply(open, quantityChanged("c2", 2, "pear", 3), "sku pear is not in the cart");
        }

        @Test
        void on_a_quantity_that_is_not_positive() {
            assertCannotApply(open, quantityChanged("c2", 2, "apple", 0), "quantity 0 is not positive");
            assertCannotApply(open, itemAdded("c2", 2, PEAR, -1), "quantity -1 is not positive");
        }

        @Test
        void on_an_item_in_another_currency() {
            assertCannotApply(open, itemAdded("c2", 2, HAT, 1), "currency USD is not the cart's EUR");
        }

        @Test
        void on_item_events_for_a_checked_out_cart() {
            assertCannotApply(checkedOutCart, itemAdded("c3", 3, PEAR, 1), "needs a cart that is OPEN");
            assertCannotApply(checkedOutCart, itemRemoved("c3", 3, "apple"), "needs a cart that is OPEN");
            assertCannotApply(checkedOutCart, quantityChanged("c3", 3, "apple", 1), "needs a cart that is OPEN");
            assertCannotApply(checkedOutCart, cartCleared("c3", 3), "needs a cart that is OPEN");
        }

        @Test
        void on_a_second_checkout() {
            assertCannotApply(checkedOutCart, checkedOut("c3", 3, 240, "EUR", line(APPLE, 2)),
                    "needs a cart that is OPEN");
        }

        @Test
        void on_a_checkout_of_an_empty_cart() {
            assertCannotApply(Cart.empty(CART), checkedOut("c1", 1, 0, "EUR"), "lines and currency are not the cart's");
        }

        @Test
        void on_a_checkout_whose_lines_are_not_the_cart_s() {
            Product cheaper = new Product("apple", "Apple", 100, "EUR", true);

            assertCannotApply(open, checkedOut("c2", 2, 200, "EUR", line(cheaper, 2)),
                    "lines and currency are not the cart's");
        }

        @Test
        void on_reopening_an_open_cart() {
            assertCannotApply(open, reopened("oe-1", 2, EventIds.orderIdFor(CART, "c2"), "X: y"),
                    "needs a cart that is CHECKED_OUT");
        }

        @Test
        void on_reopening_for_another_order() {
            assertCannotApply(checkedOutCart, reopened("oe-1", 3, EventIds.orderIdFor(CART, "other"), "X: y"),
                    "but the cart is checked out as order " + EventIds.orderIdFor(CART, "c2"));
        }

        private void assertCannotApply(Cart state, CartEvent event, String why) {
            assertThatThrownBy(() -> CartDecider.evolve(state, event))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot apply " + event.getClass().getSimpleName())
                    .hasMessageContaining(why);
        }
    }

    @Test
    void a_rejection_returns_the_very_same_state() {
        Cart open = given(itemAdded("c1", 1, APPLE, 2));

        assertThat(CartDecider.evolve(open, rejected("c2", 1, "AddItem", RejectionCode.PRODUCT_UNKNOWN, "x")))
                .isSameAs(open);
    }

    @Test
    void an_item_added_again_keeps_the_line_s_position() {
        Cart cart = given(itemAdded("c1", 1, APPLE, 2), itemAdded("c2", 2, PEAR, 1), itemAdded("c3", 3, APPLE, 1));

        assertThat(cart.items()).extracting(CartItem::sku, CartItem::quantity)
                .containsExactly(tuple("apple", 3), tuple("pear", 1));
    }
}
