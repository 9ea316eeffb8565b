package io.shopstreams.cart.domain;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.EventIds;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopstreams.cart.domain.CartFixtures.APPLE;
import static io.shopstreams.cart.domain.CartFixtures.CART;
import static io.shopstreams.cart.domain.CartFixtures.cartCleared;
import static io.shopstreams.cart.domain.CartFixtures.checkedOut;
import static io.shopstreams.cart.domain.CartFixtures.itemAdded;
import static io.shopstreams.cart.domain.CartFixtures.itemRemoved;
import static io.shopstreams.cart.domain.CartFixtures.line;
import static io.shopstreams.cart.domain.CartFixtures.quantityChanged;
import static io.shopstreams.cart.domain.CartFixtures.rejected;
import static io.shopstreams.cart.domain.CartFixtures.reopened;
import static org.assertj.core.api.Assertions.assertThat;

/** CommandOutcome.of(): the memory of decided commands, rebuilt from the events that recorded them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommandOutcomeTest {

    @Test
    void a_rejection_records_a_rejected_command_with_its_code_reason_and_version() {
        CartEvent event = rejected("c7", 4, "Checkout", RejectionCode.CART_EMPTY, "cart cart-1 has no items");

        assertThat(CommandOutcome.of(event)).isEqualTo(new CommandOutcome("c7", CommandOutcome.Status.REJECTED,
                "CART_EMPTY", "cart cart-1 has no items", 4));
    }

    @Test
    void every_other_event_records_an_accepted_command_at_its_version() {
        List<CartEvent> events = List.of(itemAdded("c1", 1, APPLE, 1), itemRemoved("c2", 2, "apple"),
                quantityChanged("c3", 3, "apple", 2), cartCleared("c4", 4),
                checkedOut("c5", 5, 120, "EUR", line(APPLE, 1)),
                reopened("oe-1", 6, EventIds.orderIdFor(CART, "c5"), "X: y"));

        for (CartEvent event : events) {
            assertThat(CommandOutcome.of(event)).isEqualTo(new CommandOutcome(event.commandId(),
                    CommandOutcome.Status.ACCEPTED, null, null, event.version()));
        }
    }
}
