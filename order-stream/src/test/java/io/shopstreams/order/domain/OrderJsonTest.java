package io.shopstreams.order.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.events.JsonCodec;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.shopstreams.order.domain.OrderFixtures.ORDER;
import static io.shopstreams.order.domain.OrderFixtures.after;
import static io.shopstreams.order.domain.OrderFixtures.cancel;
import static io.shopstreams.order.domain.OrderFixtures.pay;
import static io.shopstreams.order.domain.OrderFixtures.rejectedOrder;
import static io.shopstreams.order.domain.OrderFixtures.ship;
import static org.assertj.core.api.Assertions.assertThat;

/** The state records are stored as JSON through the project's one mapper: they must round-trip unchanged. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrderJsonTest {

    private final ObjectMapper mapper = JsonCodec.mapper();

    @Test
    void a_placed_paid_shipped_and_cancelled_order_round_trips() throws Exception {
        for (Order order : List.of(after(), after(pay("p1")), after(pay("p1"), ship("s1")),
                after(pay("p1"), cancel("x1")))) {
            assertThat(roundTrip(order, Order.class)).isEqualTo(order);
        }
    }

    @Test
    void a_rejected_order_round_trips() throws Exception {
        Order order = rejectedOrder();

        assertThat(roundTrip(order, Order.class)).isEqualTo(order);
    }

    @Test
    void a_nonexistent_order_with_its_nulls_round_trips() throws Exception {
        assertThat(roundTrip(Order.none(ORDER), Order.class)).isEqualTo(Order.none(ORDER));
    }

    @Test
    void an_order_is_written_with_its_components_only() throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(after(pay("p1"))));

        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("orderId", "cartId", "customerId",
                "status", "lines", "totalCents", "currency", "version", "placedAt", "paymentRef", "carrier",
                "trackingId", "cancelReason", "rejectionCode", "rejectionReason");
        assertThat(json.get("status").asText()).isEqualTo("PAID");
        assertThat(json.get("placedAt").asText()).isEqualTo("2024-05-01T10:15:30Z");
    }

    @Test
    void a_customer_index_round_trips() throws Exception {
        CustomerOrders index = CustomerOrders.of("customer-7", List.of(CustomerOrder.of(after(pay("p1"))),
                CustomerOrder.of(new Order("order-2", "cart-2", "customer-7", OrderStatus.PLACED, List.of(), 0, "EUR",
                        1, Instant.parse("2024-06-01T00:00:00Z"), null, null, null, null, null, null))));

        assertThat(roundTrip(index, CustomerOrders.class)).isEqualTo(index);
        assertThat(roundTrip(index.orders().get(0), CustomerOrder.class)).isEqualTo(index.orders().get(0));
        assertThat(roundTrip(CustomerOrders.empty("customer-7"), CustomerOrders.class))
                .isEqualTo(CustomerOrders.empty("customer-7"));
        assertThat(mapper.readTree(mapper.writeValueAsString(index)).get("orders").get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("orderId", "cartId", "status", "totalCents", "currency", "placedAt",
                        "version");
    }

    @Test
    void a_command_outcome_round_trips() throws Exception {
        CommandOutcome rejected = new CommandOutcome("c1", CommandOutcome.Status.REJECTED, "AMOUNT_MISMATCH", "why",
                3);
        CommandOutcome accepted = new CommandOutcome("c2", CommandOutcome.Status.ACCEPTED, null, null, 4);

        assertThat(roundTrip(rejected, CommandOutcome.class)).isEqualTo(rejected);
        assertThat(roundTrip(accepted, CommandOutcome.class)).isEqualTo(accepted);
    }

    private <T> T roundTrip(T value, Class<T> type) throws Exception {
        return mapper.readValue(mapper.writeValueAsString(value), type);
    }
}
