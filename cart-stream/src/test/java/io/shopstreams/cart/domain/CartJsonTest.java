package io.shopstreams.cart.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.JsonCodec;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;


import static io.shopstreams.cart.domain.CartFixtures.CART;
import static io.shopstreams.cart.domain.CartFixtures.addItem;
import static io.shopstreams.cart.domain.CartFixtures.after;
import static io.shopstreams.cart.domain.CartFixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

/** The state records are stored as JSON through the project's one mapper: they must round-trip unchanged. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CartJsonTest {

    private final ObjectMapper mapper = JsonCodec.mapper();

    @Test
    void a_cart_with_items_round_trips() throws Exception {
        Cart cart = after(addItem("c1", "apple", 2), addItem("c2", "pear", 1));

        assertThat(roundTrip(cart, Cart.class)).isEqualTo(cart);
    }

    @Test
    void a_checked_out_cart_round_trips() throws Exception {
        Cart cart = after(addItem("c1", "apple", 2), checkout("c2"));

        assertThat(roundTrip(cart, Cart.class)).isEqualTo(cart);
    }

    @Test
    void a_nonexistent_cart_with_its_nulls_round_trips() throws Exception {
        assertThat(roundTrip(Cart.empty(CART), Cart.class)).isEqualTo(Cart.empty(CART));
    }

    @Test
    void a_cart_is_written_with_its_components_only() throws Exception {
        Cart cart = after(addItem("c1", "apple", 2));

        JsonNode json = mapper.readTree(mapper.writeValueAsString(cart));

        assertThat(json.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("cartId", "status", "items", "currency", "version", "orderId");
        assertThat(json.get("status").asText()).isEqualTo("OPEN");
        assertThat(json.get("items").get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("sku", "name", "unitPriceCents", "quantity");
    }

    @Test
    void a_command_outcome_and_an_order_view_round_trip() throws Exception {
        CommandOutcome rejected = new CommandOutcome("c1", CommandOutcome.Status.REJECTED, "CART_EMPTY", "why", 3);
        CommandOutcome accepted = new CommandOutcome("c2", CommandOutcome.Status.ACCEPTED, null, null, 4);
        CartOrder order = new CartOrder("order-1", CartOrder.Status.PAID);

        assertThat(roundTrip(rejected, CommandOutcome.class)).isEqualTo(rejected);
        assertThat(roundTrip(accepted, CommandOutcome.class)).isEqualTo(accepted);
        assertThat(roundTrip(order, CartOrder.class)).isEqualTo(order);
        assertThat(mapper.writeValueAsString(order)).isEqualTo("{\"orderId\":\"order-1\",\"status\":\"PAID\"}");
    }

    private <T> T roundTrip(T value, Class<T> type) throws Exception {
        return mapper.readValue(mapper.writeValueAsString(value), type);
    }
}
