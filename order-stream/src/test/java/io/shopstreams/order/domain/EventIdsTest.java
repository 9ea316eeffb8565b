package io.shopstreams.order.domain;

import io.shopstreams.events.Fields;
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
    void an_event_id_is_the_same_for_the_same_inputs_and_the_cart_s_name_based_uuid_scheme() {
        String id = EventIds.eventId("order", "order-1", "c1", 0);

        assertThat(EventIds.eventId("order", "order-1", "c1", 0)).isEqualTo(id);
        assertThat(id).isEqualTo(UUID.nameUUIDFromBytes("order/order-1/c1/0".getBytes(StandardCharsets.UTF_8))
                .toString());
        assertThat(Fields.isValidId(id)).isTrue();
    }

    @Test
    void an_event_id_differs_when_any_part_differs() {
        Set<String> ids = Set.of(
                EventIds.eventId("order", "order-1", "c1", 0),
                EventIds.eventId("cart", "order-1", "c1", 0),
                EventIds.eventId("order", "order-2", "c1", 0),
                EventIds.eventId("order", "order-1", "c2", 0),
                EventIds.eventId("order", "order-1", "c1", 1));

        assertThat(ids).hasSize(5);
    }

    @Test
    void a_negative_index_is_a_bug() {
        assertThatThrownBy(() -> EventIds.eventId("order", "order-1", "c1", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
