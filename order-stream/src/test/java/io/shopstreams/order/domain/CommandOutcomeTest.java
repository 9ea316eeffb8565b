package io.shopstreams.order.domain;

import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.OrderEvent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopstreams.order.domain.OrderFixtures.AT;
import static io.shopstreams.order.domain.OrderFixtures.ORDER;
import static io.shopstreams.order.domain.OrderFixtures.TOTAL;
import static io.shopstreams.order.domain.OrderFixtures.cancelled;
import static io.shopstreams.order.domain.OrderFixtures.delivered;
import static io.shopstreams.order.domain.OrderFixtures.orderRejected;
import static io.shopstreams.order.domain.OrderFixtures.paid;
import static io.shopstreams.order.domain.OrderFixtures.placed;
import static io.shopstreams.order.domain.OrderFixtures.rejected;
import static io.shopstreams.order.domain.OrderFixtures.shipped;
import static org.assertj.core.api.Assertions.assertThat;

/** CommandOutcome.of(): the memory of decided commands, rebuilt from the events that recorded them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommandOutcomeTest {

    @Test
    void a_rejection_records_a_rejected_command_with_its_code_reason_and_version() {
        OrderEvent event = rejected("c7", 2, "ShipOrder", RejectionCode.INVALID_TRANSITION, "order order-1 is PLACED");

        assertThat(CommandOutcome.of(event)).isEqualTo(new CommandOutcome("c7", CommandOutcome.Status.REJECTED,
                "INVALID_TRANSITION", "order order-1 is PLACED", 2));
    }

    @Test
    void a_rejection_for_a_nonexistent_order_records_version_0() {
        OrderEvent event = new OrderEvent.CommandRejected("e", ORDER, "c1", 0, AT, 1, null, "PayOrder",
                "ORDER_NOT_FOUND", "order order-1 does not exist");

        assertThat(CommandOutcome.of(event).status()).isEqualTo(CommandOutcome.Status.REJECTED);
        assertThat(CommandOutcome.of(event).version()).isZero();
    }

    @Test
    void every_other_event_records_an_accepted_command_at_its_version() {
        List<OrderEvent> events = List.of(placed(), orderRejected(RejectionCode.TOTAL_TOO_HIGH, "x"),
                paid("c2", 2, TOTAL), shipped("c3", 3), delivered("c4", 4), cancelled("c5", 3, "r"));

        for (OrderEvent event : events) {
            assertThat(CommandOutcome.of(event)).isEqualTo(new CommandOutcome(event.commandId(),
                    CommandOutcome.Status.ACCEPTED, null, null, event.version()));
        }
    }
}
