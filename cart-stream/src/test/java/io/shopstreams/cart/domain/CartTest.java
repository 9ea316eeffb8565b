package io.shopstreams.cart.domain;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.shopstreams.cart.domain.CartFixtures.CART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Cart and CartItem records: their invariants and derived values. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CartTest {

    private static final CartItem APPLES = new CartItem("apple", "Apple", 120, 2);
    private static final CartItem PEARS = new CartItem("pear", "Pear", 95, 3);

    @Test
    void an_empty_cart_is_open_has_no_items_and_does_not_exist() {
        Cart cart = Cart.empty(CART);

        assertThat(cart).isEqualTo(new Cart(CART, CartStatus.OPEN, List.of(), null, 0, null));
        assertThat(cart.exists()).isFalse();
        assertThat(cart.totalCents()).isZero();
    }

    @Test
    void totals_its_lines_and_finds_them_by_sku() {
        Cart cart = new Cart(CART, CartStatus.OPEN, List.of(APPLES, PEARS), "EUR", 2, null);

        assertThat(cart.exists()).isTrue();
        assertThat(cart.totalCents()).isEqualTo(240 + 285);
        assertThat(cart.item("pear")).contains(PEARS);
        assertThat(cart.item("kiwi")).isEmpty();
    }

    @Test
    void keeps_an_immutable_copy_of_the_items() {
        List<CartItem> items = new ArrayList<>(List.of(APPLES));
        Cart cart = new Cart(CART, CartStatus.OPEN, items, "EUR", 1, null);

        items.add(PEARS);

        assertThat(cart.items()).containsExactly(APPLES);
        assertThatThrownBy(() -> cart.items().add(PEARS)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void has_a_currency_exactly_when_it_has_items() {
        assertThatThrownBy(() -> new Cart(CART, CartStatus.OPEN, List.of(APPLES), null, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cart(CART, CartStatus.OPEN, List.of(), "EUR", 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holds_each_sku_once() {
        assertThatThrownBy(() -> new Cart(CART, CartStatus.OPEN, List.of(APPLES, APPLES), "EUR", 2, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apple twice");
    }

    @Test
    void a_line_total_is_price_times_quantity_and_overflow_fails_loudly() {
        assertThat(PEARS.lineTotalCents()).isEqualTo(285);
        assertThat(PEARS.toLine()).isEqualTo(new io.shopstreams.events.Line("pear", "Pear", 95, 3));
        assertThatThrownBy(() -> new CartItem("gold", "Gold", Long.MAX_VALUE, 2).lineTotalCents())
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void an_item_has_at_least_one_unit_and_no_negative_price() {
        assertThatThrownBy(() -> new CartItem("apple", "Apple", 120, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CartItem("apple", "Apple", -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
