package io.shopstreams.cart.domain;

import io.shopstreams.events.Catalog;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.Product;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.shopstreams.cart.domain.CartFixtures.APPLE;
import static io.shopstreams.cart.domain.CartFixtures.AT;
import static io.shopstreams.cart.domain.CartFixtures.CART;
import static io.shopstreams.cart.domain.CartFixtures.CATALOG;
import static io.shopstreams.cart.domain.CartFixtures.HAT;
import static io.shopstreams.cart.domain.CartFixtures.PEAR;
import static io.shopstreams.cart.domain.CartFixtures.addItem;
import static io.shopstreams.cart.domain.CartFixtures.after;
import static io.shopstreams.cart.domain.CartFixtures.assertRejected;
import static io.shopstreams.cart.domain.CartFixtures.catalog;
import static io.shopstreams.cart.domain.CartFixtures.checkedOut;
import static io.shopstreams.cart.domain.CartFixtures.checkout;
import static io.shopstreams.cart.domain.CartFixtures.clearCart;
import static io.shopstreams.cart.domain.CartFixtures.cartCleared;
import static io.shopstreams.cart.domain.CartFixtures.changeQuantity;
import static io.shopstreams.cart.domain.CartFixtures.everySku;
import static io.shopstreams.cart.domain.CartFixtures.history;
import static io.shopstreams.cart.domain.CartFixtures.itemAdded;
import static io.shopstreams.cart.domain.CartFixtures.itemRemoved;
import static io.shopstreams.cart.domain.CartFixtures.line;
import static io.shopstreams.cart.domain.CartFixtures.quantityChanged;
import static io.shopstreams.cart.domain.CartFixtures.rejected;
import static io.shopstreams.cart.domain.CartFixtures.removeItem;
import static io.shopstreams.cart.domain.CartFixtures.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** decide(): given events, when a command, then events. One nested class per command. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CartDeciderTest {

    private static final Cart NONEXISTENT = Cart.empty(CART);

    @Nested
    class AddItem {

        @Test
        void creates_the_cart_with_a_line_priced_and_named_by_the_catalog() {
            List<CartEvent> events = when(addItem("c1", "apple", 2), NONEXISTENT);

            assertThat(events).containsExactly(itemAdded("c1", 1, APPLE, 2));
            Cart cart = CartDecider.evolve(NONEXISTENT, events.get(0));
            assertThat(cart.exists()).isTrue();
            assertThat(cart.items()).containsExactly(new CartItem("apple", "Apple", 120, 2));
            assertThat(cart.currency()).isEqualTo("EUR");
            assertThat(cart.totalCents()).isEqualTo(240);
        }

        @Test
        void appends_new_lines_in_insertion_order() {
            Cart cart = after(addItem("c1", "pear", 1), addItem("c2", "apple", 3));

            assertThat(cart.items()).extracting(CartItem::sku).containsExactly("pear", "apple");
            assertThat(cart.version()).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 999})
        void accepts_the_quantity_bounds(int quantity) {
            assertThat(when(addItem("c1", "apple", quantity), NONEXISTENT))
                    .containsExactly(itemAdded("c1", 1, APPLE, quantity));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1000, -1})
        void refuses_a_quantity_outside_1_to_999(int quantity) {
            CartEvent.CommandRejected rejection = assertRejected(when(addItem("c1", "apple", quantity), NONEXISTENT),
                    RejectionCode.QUANTITY_OUT_OF_RANGE, 0);

            assertThat(rejection.reason()).isEqualTo("quantity " + quantity + " is outside 1..999");
            assertThat(rejection.commandType()).isEqualTo("AddItem");
        }

        @Test
        void of_a_sku_already_in_the_cart_adds_to_its_quantity_at_the_current_catalog_price() {
            Cart cart = after(addItem("c1", "apple", 2), addItem("c2", "pear", 1));
            Product repriced = new Product("apple", "Apple (organic)", 150, "EUR", true);

            List<CartEvent> events = CartDecider.decide(addItem("c3", "apple", 3), cart, catalog(repriced), AT);

            assertThat(events).containsExactly(itemAdded("c3", 3, repriced, 3));
            Cart next = CartDecider.evolve(cart, events.get(0));
            assertThat(next.items()).containsExactly(
                    new CartItem("apple", "Apple (organic)", 150, 5), new CartItem("pear", "Pear", 95, 1));
        }

        @Test
        void to_an_existing_line_may_reach_999_but_not_exceed_it() {
            Cart cart = after(addItem("c1", "apple", 998));

            assertThat(when(addItem("c2", "apple", 1), cart)).containsExactly(itemAdded("c2", 2, APPLE, 1));
            CartEvent.CommandRejected rejection =
                    assertRejected(when(addItem("c2", "apple", 2), cart), RejectionCode.QUANTITY_OUT_OF_RANGE, 1);
            assertThat(rejection.reason()).isEqualTo("sku apple already has quantity 998; adding 2 makes 1000, outside 1..999");
        }

        @Test
        void refuses_an_unknown_sku() {
            CartEvent.CommandRejected rejection =
                    assertRejected(when(addItem("c1", "kiwi", 1), NONEXISTENT), RejectionCode.PRODUCT_UNKNOWN, 0);

            assertThat(rejection.reason()).isEqualTo("sku kiwi is not in the catalog");
        }

        @Test
        void refuses_an_inactive_sku() {
            CartEvent.CommandRejected rejection =
                    assertRejected(when(addItem("c1", "plum", 1), NONEXISTENT), RejectionCode.PRODUCT_INACTIVE, 0);

            assertThat(rejection.reason()).isEqualTo("sku plum is inactive in the catalog");
        }

        @Test
        void refuses_a_product_in_another_currency_than_the_cart_holds() {
            Cart cart = after(addItem("c1", "apple", 1));

            CartEvent.CommandRejected rejection =
                    assertRejected(when(addItem("c2", "hat", 1), cart), RejectionCode.CURRENCY_MISMATCH, 1);
            assertThat(rejection.reason()).isEqualTo("sku hat is priced in USD but cart cart-1 holds EUR");
        }

        @Test
        void accepts_another_currency_once_the_cart_is_empty_again() {
            Cart cleared = after(addItem("c1", "apple", 1), clearCart("c2"));
            Cart removed = after(addItem("c1", "apple", 1), removeItem("c2", "apple"));

            assertThat(when(addItem("c3", "hat", 1), cleared)).containsExactly(itemAdded("c3", 3, HAT, 1));
            assertThat(when(addItem("c3", "hat", 1), removed)).containsExactly(itemAdded("c3", 3, HAT, 1));
        }

        @Test
        void accepts_the_100th_distinct_line_and_refuses_the_101st() {
            Cart with99 = linesOf(99);
            List<CartEvent> hundredth = CartDecider.decide(addItem("c100", "sku-100", 1), with99, everySku(), AT);
            assertThat(hundredth).singleElement().isInstanceOf(CartEvent.ItemAdded.class);
            Cart with100 = CartDecider.evolve(with99, hundredth.get(0));

            List<CartEvent> hundredFirst = CartDecider.decide(addItem("c101", "sku-101", 1), with100, everySku(), AT);

            CartEvent.CommandRejected rejection = assertRejected(hundredFirst, RejectionCode.TOO_MANY_LINES, 100);
            assertThat(rejection.reason()).isEqualTo("cart cart-1 already holds 100 distinct lines, the maximum is 100");
        }

        @Test
        void to_an_existing_line_of_a_full_cart_is_accepted() {
            Cart with100 = linesOf(100);

            assertThat(CartDecider.decide(addItem("more", "sku-1", 5), with100, everySku(), AT))
                    .singleElement().isInstanceOf(CartEvent.ItemAdded.class);
        }

        @Test
        void refuses_a_line_whose_total_would_overflow_a_long() {
            Product gold = new Product("gold", "Gold bar", Long.MAX_VALUE / 2, "EUR", true);

            assertRejected(CartDecider.decide(addItem("c1", "gold", 3), NONEXISTENT, catalog(gold), AT),
                    RejectionCode.TOTAL_OUT_OF_RANGE, 0);
            assertThat(CartDecider.decide(addItem("c1", "gold", 2), NONEXISTENT, catalog(gold), AT))
                    .singleElement().isInstanceOf(CartEvent.ItemAdded.class);
        }

        @Test
        void checks_quantity_before_the_catalog() {
            assertRejected(when(addItem("c1", "kiwi", 0), NONEXISTENT), RejectionCode.QUANTITY_OUT_OF_RANGE, 0);
        }

        @Test
        void checks_the_catalog_before_the_currency() {
            Cart euros = after(addItem("c1", "apple", 1));
            Product inactiveHat = new Product("hat", "Hat", 1500, "USD", false);

            assertRejected(CartDecider.decide(addItem("c2", "hat", 1), euros, catalog(APPLE, inactiveHat), AT),
                    RejectionCode.PRODUCT_INACTIVE, 1);
        }

        @Test
        void checks_the_currency_before_the_line_count() {
            Catalog withHat = sku -> sku.equals("hat") ? Optional.of(HAT) : everySku().find(sku);

            assertRejected(CartDecider.decide(addItem("c1", "hat", 1), linesOf(100), withHat, AT),
                    RejectionCode.CURRENCY_MISMATCH, 100);
        }

        @Test
        void to_a_checked_out_cart_is_refused_before_any_other_rule() {
            Cart checkedOut = after(addItem("c1", "apple", 1), checkout("c2"));

            CartEvent.CommandRejected rejection =
                    assertRejected(when(addItem("c3", "kiwi", 0), checkedOut), RejectionCode.CART_CHECKED_OUT, 2);
            assertThat(rejection.reason()).isEqualTo("cart cart-1 is checked out as order "
                    + EventIds.orderIdFor(CART, "c2") + "; AddItem is refused unless the order is rejected and the"
                    + " cart reopened");
        }

        private Cart linesOf(int count) {
            List<CartCommand> commands = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                commands.add(addItem("c" + i, "sku-" + i, 1));
            }
            return CartDecider.fold(CART, history(everySku(), commands.toArray(CartCommand[]::new)));
        }
    }

    @Nested
    class RemoveItem {

        @Test
        void removes_the_line_and_keeps_the_others_in_order() {
            Cart cart = after(addItem("c1", "apple", 1), addItem("c2", "pear", 2), addItem("c3", "apple", 1));

            List<CartEvent> events = when(removeItem("c4", "apple"), cart);

            assertThat(events).containsExactly(itemRemoved("c4", 4, "apple"));
            Cart next = CartDecider.evolve(cart, events.get(0));
            assertThat(next.items()).containsExactly(new CartItem("pear", "Pear", 95, 2));
            assertThat(next.currency()).isEqualTo("EUR");
        }

        @Test
        void of_the_last_line_leaves_an_existing_cart_without_currency() {
            Cart cart = after(addItem("c1", "apple", 1));

            Cart next = CartDecider.evolve(cart, when(removeItem("c2", "apple"), cart).get(0));

            assertThat(next.items()).isEmpty();
            assertThat(next.currency()).isNull();
            assertThat(next.exists()).isTrue();
            assertThat(next.version()).isEqualTo(2);
        }

        @Test
        void of_a_sku_not_in_the_cart_is_refused() {
            Cart cart = after(addItem("c1", "apple", 1));

            assertThat(when(removeItem("c2", "pear"), cart)).containsExactly(rejected("c2", 1, "RemoveItem",
                    RejectionCode.ITEM_NOT_IN_CART, "sku pear is not in cart cart-1"));
        }

        @Test
        void from_a_nonexistent_cart_is_refused_against_version_0() {
            assertRejected(when(removeItem("c1", "apple"), NONEXISTENT), RejectionCode.ITEM_NOT_IN_CART, 0);
        }

        @Test
        void from_a_checked_out_cart_is_refused() {
            Cart checkedOut = after(addItem("c1", "apple", 1), checkout("c2"));

            assertRejected(when(removeItem("c3", "apple"), checkedOut), RejectionCode.CART_CHECKED_OUT, 2);
        }
    }

    @Nested
    class ChangeQuantity {

        @ParameterizedTest
        @ValueSource(ints = {1, 7, 999})
        void sets_the_quantity_of_the_line(int quantity) {
            Cart cart = after(addItem("c1", "apple", 3));

            List<CartEvent> events = when(changeQuantity("c2", "apple", quantity), cart);

            assertThat(events).containsExactly(quantityChanged("c2", 2, "apple", quantity));
            assertThat(CartDecider.evolve(cart, events.get(0)).items())
                    .containsExactly(new CartItem("apple", "Apple", 120, quantity));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1000})
        void refuses_a_quantity_outside_1_to_999(int quantity) {
            Cart cart = after(addItem("c1", "apple", 3));

            assertThat(when(changeQuantity("c2", "apple", quantity), cart)).containsExactly(rejected("c2", 1,
                    "ChangeQuantity", RejectionCode.QUANTITY_OUT_OF_RANGE,
                    "quantity " + quantity + " is outside 1..999"));
        }

        @Test
        void of_a_sku_not_in_the_cart_is_refused() {
            Cart cart = after(addItem("c1", "apple", 3));

            assertRejected(when(changeQuantity("c2", "pear", 2), cart), RejectionCode.ITEM_NOT_IN_CART, 1);
        }

        @Test
        void checks_the_quantity_before_the_line() {
            assertRejected(when(changeQuantity("c1", "pear", 0), NONEXISTENT), RejectionCode.QUANTITY_OUT_OF_RANGE, 0);
        }

        @Test
        void keeps_the_price_of_the_line_whatever_the_catalog_says_now() {
            Cart cart = after(addItem("c1", "apple", 3));

            List<CartEvent> events = CartDecider.decide(changeQuantity("c2", "apple", 4), cart, catalog(), AT);

            assertThat(CartDecider.evolve(cart, events.get(0)).totalCents()).isEqualTo(4 * 120);
        }

        @Test
        void refuses_a_quantity_whose_total_would_overflow_a_long() {
            Product gold = new Product("gold", "Gold bar", Long.MAX_VALUE / 2, "EUR", true);
            Cart cart = CartDecider.fold(CART, history(catalog(gold), addItem("c1", "gold", 1)));

            assertRejected(when(changeQuantity("c2", "gold", 3), cart), RejectionCode.TOTAL_OUT_OF_RANGE, 1);
        }

        @Test
        void of_a_checked_out_cart_is_refused() {
            Cart checkedOut = after(addItem("c1", "apple", 1), checkout("c2"));

            assertRejected(when(changeQuantity("c3", "apple", 2), checkedOut), RejectionCode.CART_CHECKED_OUT, 2);
        }
    }

    @Nested
    class ClearCart {

        @Test
        void empties_the_items_and_the_currency() {
            Cart cart = after(addItem("c1", "apple", 1), addItem("c2", "pear", 1));

            List<CartEvent> events = when(clearCart("c3"), cart);

            assertThat(events).containsExactly(cartCleared("c3", 3));
            Cart next = CartDecider.evolve(cart, events.get(0));
            assertThat(next).isEqualTo(new Cart(CART, CartStatus.OPEN, List.of(), null, 3, null));
        }

        @Test
        void of_an_empty_cart_is_refused() {
            Cart emptied = after(addItem("c1", "apple", 1), removeItem("c2", "apple"));

            assertThat(when(clearCart("c3"), emptied)).containsExactly(rejected("c3", 2, "ClearCart",
                    RejectionCode.CART_EMPTY, "cart cart-1 has no items to clear"));
        }

        @Test
        void of_a_nonexistent_cart_is_refused_and_the_cart_stays_nonexistent() {
            List<CartEvent> events = when(clearCart("c1"), NONEXISTENT);

            assertRejected(events, RejectionCode.CART_EMPTY, 0);
            assertThat(CartDecider.evolve(NONEXISTENT, events.get(0)).exists()).isFalse();
        }

        @Test
        void of_a_checked_out_cart_is_refused() {
            Cart checkedOut = after(addItem("c1", "apple", 1), checkout("c2"));

            assertRejected(when(clearCart("c3"), checkedOut), RejectionCode.CART_CHECKED_OUT, 2);
        }
    }

    @Nested
    class Checkout {

        @Test
        void records_the_lines_total_and_currency_under_an_order_id_derived_from_the_command() {
            Cart cart = after(addItem("c1", "apple", 2), addItem("c2", "pear", 3));

            List<CartEvent> events = when(checkout("c3"), cart);

            assertThat(events).containsExactly(
                    checkedOut("c3", 3, 2 * 120 + 3 * 95, "EUR", line(APPLE, 2), line(PEAR, 3)));
            assertThat(((CartEvent.CartCheckedOut) events.get(0)).orderId())
                    .isEqualTo(EventIds.orderIdFor(CART, "c3"));
        }

        @Test
        void leaves_the_cart_checked_out_with_its_items_and_order() {
            Cart cart = after(addItem("c1", "apple", 2));

            Cart next = CartDecider.evolve(cart, when(checkout("c2"), cart).get(0));

            assertThat(next.status()).isEqualTo(CartStatus.CHECKED_OUT);
            assertThat(next.orderId()).isEqualTo(EventIds.orderIdFor(CART, "c2"));
            assertThat(next.items()).isEqualTo(cart.items());
            assertThat(next.version()).isEqualTo(2);
        }

        @Test
        void of_an_empty_cart_is_refused() {
            Cart cleared = after(addItem("c1", "apple", 1), clearCart("c2"));

            assertThat(when(checkout("c3"), cleared)).containsExactly(rejected("c3", 2, "Checkout",
                    RejectionCode.CART_EMPTY, "cart cart-1 has no items to check out"));
        }

        @Test
        void of_a_nonexistent_cart_is_refused_against_version_0() {
            assertRejected(when(checkout("c1"), NONEXISTENT), RejectionCode.CART_EMPTY, 0);
        }

        @Test
        void of_a_checked_out_cart_is_refused() {
            Cart checkedOut = after(addItem("c1", "apple", 1), checkout("c2"));

            assertRejected(when(checkout("c3"), checkedOut), RejectionCode.CART_CHECKED_OUT, 2);
        }
    }

    @Nested
    class EveryDecision {

        @Test
        void is_deterministic_equal_input_gives_equal_events() {
            Cart cart = after(addItem("c1", "apple", 2));

            for (CartCommand command : List.of(addItem("c2", "pear", 1), addItem("c2", "kiwi", 1),
                    removeItem("c2", "apple"), changeQuantity("c2", "apple", 5), clearCart("c2"), checkout("c2"))) {
                assertThat(when(command, cart)).isEqualTo(when(command, cart)).hasSize(1);
            }
        }

        @Test
        void carries_an_event_id_derived_from_cart_and_command_and_the_given_timestamp() {
            Cart cart = after(addItem("c1", "apple", 2));

            for (CartEvent event : List.of(when(addItem("c2", "pear", 1), cart).get(0),
                    when(addItem("c2", "kiwi", 1), cart).get(0))) {
                assertThat(event.eventId()).isEqualTo(EventIds.eventId("cart", CART, "c2", 0));
                assertThat(event.cartId()).isEqualTo(CART);
                assertThat(event.commandId()).isEqualTo("c2");
                assertThat(event.occurredAt()).isEqualTo(AT);
                assertThat(event.schemaVersion()).isEqualTo(CartEvent.SCHEMA_VERSION);
            }
        }

        @Test
        void a_rejection_changes_neither_state_nor_version() {
            Cart cart = after(addItem("c1", "apple", 2), addItem("c2", "pear", 1));

            List<CartEvent> events = when(addItem("c3", "kiwi", 1), cart);

            assertRejected(events, RejectionCode.PRODUCT_UNKNOWN, 2);
            assertThat(CartDecider.evolve(cart, events.get(0))).isSameAs(cart);
            assertThat(when(addItem("c4", "pear", 1), cart).get(0).version()).isEqualTo(3);
        }

        @Test
        void accepts_a_body_that_repeats_the_cart_id() {
            CartCommand command = new CartCommand.AddItem("c1", CART, "apple", 1);

            assertThat(when(command, NONEXISTENT)).containsExactly(itemAdded("c1", 1, APPLE, 1));
        }

        @Test
        void refuses_loudly_a_command_for_another_cart_as_a_caller_bug() {
            CartCommand command = new CartCommand.AddItem("c1", "cart-2", "apple", 1);

            assertThatThrownBy(() -> CartDecider.decide(command, NONEXISTENT, CATALOG, AT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cart-2");
        }
    }
}
