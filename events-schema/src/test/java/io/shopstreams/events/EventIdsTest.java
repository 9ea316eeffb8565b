package io.shopstreams.events;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EventIdsTest {

    @Test
    void an_event_id_is_the_same_for_the_same_inputs_and_a_uuid() {
        String id = EventIds.eventId("cart", "cart-1", "c1", 0);

        assertThat(EventIds.eventId("cart", "cart-1", "c1", 0)).isEqualTo(id);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(id).isEqualTo(UUID.nameUUIDFromBytes("cart/cart-1/c1/0".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(Fields.isValidId(id)).isTrue();
    }

    @Test
    void an_event_id_differs_when_any_part_differs() {
        Set<String> ids = Set.of(
                EventIds.eventId("cart", "cart-1", "c1", 0),
                EventIds.eventId("order", "cart-1", "c1", 0),
                EventIds.eventId("cart", "cart-2", "c1", 0),
                EventIds.eventId("cart", "cart-1", "c2", 0),
                EventIds.eventId("cart", "cart-1", "c1", 1));

        assertThat(ids).hasSize(5);
    }

    @Test
    void an_order_id_is_deterministic_valid_and_scoped_by_cart() {
        String orderId = EventIds.orderIdFor("cart-1", "checkout-1");

        assertThat(EventIds.orderIdFor("cart-1", "checkout-1")).isEqualTo(orderId);
        assertThat(orderId).startsWith("order-").hasSize(42);
        assertThat(Fields.isValidId(orderId)).isTrue();
        // commandIds are unique per cart only: two carts reusing one get two orders.
        assertThat(EventIds.orderIdFor("cart-2", "checkout-1")).isNotEqualTo(orderId);
    }

    @Test
    void an_order_id_is_valid_even_for_the_longest_ids() {
        String longest = "x".repeat(64);

        assertThat(Fields.isValidId(EventIds.orderIdFor(longest, longest))).isTrue();
    }

    @Test
    void a_negative_index_is_a_bug() {
        assertThatThrownBy(() -> EventIds.eventId("cart", "cart-1", "c1", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
