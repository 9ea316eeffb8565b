package io.shopstreams.cart.http;

import io.shopstreams.cart.domain.Cart;
import io.shopstreams.cart.domain.CartItem;
import io.shopstreams.cart.domain.CartOrder;
import io.shopstreams.cart.domain.CartStatus;
import io.shopstreams.events.JsonCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact body of {@code GET /carts/{cartId}} (docs/contract.md, section 4), byte for byte. */
class CartViewTest {
    private static final Cart TWO_LINES = new Cart("cart-1", CartStatus.OPEN, List.of(
            new CartItem("sku-mug", "Mug", 1250, 2), new CartItem("sku-tea", "Green \"Sencha\" tea \u00e9", 890, 1)),
            "EUR", 3, null);

    @Test
    void an_open_cart_that_never_checked_out_has_its_lines_totals_and_a_null_order() throws Exception {
        assertThat(json(TWO_LINES, null)).isEqualTo("{\"cartId\":\"cart-1\",\"status\":\"OPEN\",\"items\":["
                + "{\"sku\":\"sku-mug\",\"name\":\"Mug\",\"unitPriceCents\":1250,\"quantity\":2,\"lineTotalCents\":2500},"
                + "{\"sku\":\"sku-tea\",\"name\":\"Green \\\"Sencha\\\" tea \u00e9\",\"unitPriceCents\":890,\"quantity\":1,"
                + "\"lineTotalCents\":890}],\"totalCents\":3390,\"currency\":\"EUR\",\"version\":3,\"order\":null}");
    }

    @Test
    void a_checked_out_cart_whose_order_is_not_known_yet_shows_it_pending() throws Exception {
        Cart checkedOut = new Cart("cart-1", CartStatus.CHECKED_OUT, TWO_LINES.items(), "EUR", 4, "order-9");

        assertThat(json(checkedOut, null)).endsWith(
                "\"totalCents\":3390,\"currency\":\"EUR\",\"version\":4,\"order\":{\"orderId\":\"order-9\",\"status\":\"PENDING\"}}");
        assertThat(json(checkedOut, new CartOrder("order-8", CartOrder.Status.REJECTED))).as("an earlier order's status")
                .endsWith("\"order\":{\"orderId\":\"order-9\",\"status\":\"PENDING\"}}");
    }

    @Test
    void a_cart_shows_the_status_of_its_latest_order() throws Exception {
        Cart reopened = new Cart("cart-1", CartStatus.OPEN, List.of(), null, 6, "order-9");

        assertThat(json(reopened, new CartOrder("order-9", CartOrder.Status.REJECTED))).isEqualTo(
                "{\"cartId\":\"cart-1\",\"status\":\"OPEN\",\"items\":[],\"totalCents\":0,\"currency\":null,"
                        + "\"version\":6,\"order\":{\"orderId\":\"order-9\",\"status\":\"REJECTED\"}}");
    }

    private static String json(Cart cart, CartOrder latestOrder) throws Exception {
        return JsonCodec.mapper().writeValueAsString(CartView.of(cart, latestOrder));
    }
}
