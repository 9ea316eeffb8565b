package io.shopstreams.shopctl.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.EventIds;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import io.shopstreams.service.stream.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The audit's invariants over hand-built topic records: a clean history passes, each kind of break is named. */
class AuditorTest {
    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
    private static final String REPARTITION = "cart-stream-cart-commands-by-cart-repartition";
    private static final List<Line> LINES = List.of(new Line("mug", "Mug", 1250, 2));

    private final Auditor auditor = new Auditor();
    private final Map<String, Long> offsets = new HashMap<>();

    // --- a history, record by record -------------------------------------------------------------------------

    /** Feeds one record at the next offset of partition 0 of its topic; returns that offset. */
    private long feed(String topic, String key, byte[] value, Headers headers) {
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        auditor.accept(new ConsumerRecord<>(topic, 0, offset, AT.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1,
                key, value, headers, Optional.empty()));
        return offset;
    }

    private long cartCommand(String cartId, String json) {
        return feed(Topics.CART_COMMANDS.name(), cartId, utf8(json), new RecordHeaders());
    }

    private long orderCommand(String orderId, String json) {
        return feed(Topics.ORDER_COMMANDS.name(), orderId, utf8(json), new RecordHeaders());
    }

    private void cartEvent(CartEvent event) {
        feed(Topics.CART_EVENTS.name(), event.cartId(), JsonCodec.CART_EVENTS.encode(event), new RecordHeaders());
    }

    private void orderEvent(OrderEvent event) {
        feed(Topics.ORDER_EVENTS.name(), event.orderId(), JsonCodec.ORDER_EVENTS.encode(event), new RecordHeaders());
    }

    private void deadLetter(String sourceTopic, long sourceOffset, String key, String value, ErrorCode code) {
        feed(Topics.DEAD_LETTERS.name(), key, utf8(value), DeadLetters.headers(
                new DeadLetters.Source(sourceTopic, 0, sourceOffset, AT.toEpochMilli()), code, code.name(), "cart-stream"));
    }

    private AuditReport report() {
        return auditor.report();
    }

    // --- events ----------------------------------------------------------------------------------------------

    private static String add(String commandId) {
        return "{\"type\":\"AddItem\",\"commandId\":\"" + commandId + "\",\"sku\":\"mug\",\"quantity\":2}";
    }

    private static String checkout(String commandId) {
        return "{\"type\":\"Checkout\",\"commandId\":\"" + commandId + "\",\"customerId\":\"alice\"}";
    }

    private static String cartEventId(String cartId, String cause) {
        return EventIds.eventId("cart", cartId, cause, 0);
    }

    private static CartEvent.ItemAdded itemAdded(String cartId, String commandId, long version) {
        return new CartEvent.ItemAdded(cartEventId(cartId, commandId), cartId, commandId, version, AT, 1, "mug", "Mug",
                1250, "EUR", 2);
    }

    private static CartEvent.CommandRejected cartRejected(String cartId, String commandId, long version) {
        return new CartEvent.CommandRejected(cartEventId(cartId, commandId), cartId, commandId, version, AT, 1,
                "AddItem", "UNKNOWN_PRODUCT", "no such product");
    }

    private static CartEvent.CartCheckedOut checkedOut(String cartId, String commandId, long version) {
        return new CartEvent.CartCheckedOut(cartEventId(cartId, commandId), cartId, commandId, version, AT, 1,
                orderId(cartId, commandId), "alice", LINES, 2500, "EUR");
    }

    private static String orderId(String cartId, String checkoutCommandId) {
        return EventIds.orderIdFor(cartId, checkoutCommandId);
    }

    private static OrderEvent.OrderPlaced placed(CartEvent.CartCheckedOut checkout) {
        return new OrderEvent.OrderPlaced(EventIds.eventId("order", checkout.orderId(), checkout.eventId(), 0),
                checkout.orderId(), checkout.eventId(), 1, AT, 1, checkout.cartId(), "alice", LINES, 2500, "EUR");
    }

    private static OrderEvent.OrderRejected rejected(CartEvent.CartCheckedOut checkout) {
        return new OrderEvent.OrderRejected(EventIds.eventId("order", checkout.orderId(), checkout.eventId(), 0),
                checkout.orderId(), checkout.eventId(), 1, AT, 1, checkout.cartId(), "alice", "PRODUCT_INACTIVE",
                "mug is inactive");
    }

    private static CartEvent.CartReopened reopened(OrderEvent.OrderRejected rejection, long version) {
        return new CartEvent.CartReopened(cartEventId(rejection.cartId(), rejection.eventId()), rejection.cartId(),
                rejection.eventId(), version, AT, 1, rejection.orderId(), rejection.reason());
    }

    /** A complete, consistent history: both saga paths, a duplicate, a rejection and three kinds of dead letter. */
    private void cleanHistory() {
        cartCommand("cart-1", add("c1-add"));
        cartEvent(itemAdded("cart-1", "c1-add", 1));
        cartCommand("cart-1", add("c1-add"));
        cartCommand("cart-1", add("c1-bad"));
        cartEvent(cartRejected("cart-1", "c1-bad", 1));
        cartCommand("cart-1", checkout("c1-co"));
        CartEvent.CartCheckedOut first = checkedOut("cart-1", "c1-co", 2);
        cartEvent(first);
        orderEvent(placed(first));
        orderCommand(first.orderId(), "{\"type\":\"PayOrder\",\"commandId\":\"pay\",\"amountCents\":2500,"
                + "\"paymentRef\":\"p-1\"}");
        orderEvent(new OrderEvent.OrderPaid(EventIds.eventId("order", first.orderId(), "pay", 0), first.orderId(),
                "pay", 2, AT, 1, "cart-1", 2500, "p-1"));

        cartCommand("cart-2", add("c2-add"));
        cartEvent(itemAdded("cart-2", "c2-add", 1));
        cartCommand("cart-2", checkout("c2-co"));
        CartEvent.CartCheckedOut second = checkedOut("cart-2", "c2-co", 2);
        cartEvent(second);
        OrderEvent.OrderRejected rejection = rejected(second);
        orderEvent(rejection);
        cartEvent(reopened(rejection, 3));

        long notJson = cartCommand("cart-3", "not json");
        deadLetter(Topics.CART_COMMANDS.name(), notJson, "cart-3", "not json", ErrorCode.NOT_JSON);
        long mismatch = cartCommand("cart-3", "{\"type\":\"ClearCart\",\"commandId\":\"c3\",\"cartId\":\"cart-9\"}");
        deadLetter(Topics.CART_COMMANDS.name(), mismatch, "cart-3", "{}", ErrorCode.KEY_MISMATCH);
        // A processing error is reported from the repartition topic, keyed by cartId, with the command as value.
        cartCommand("cart-4", add("c4-add"));
        deadLetter(REPARTITION, 0, "cart-4", add("c4-add"), ErrorCode.PROCESSING_ERROR);
    }

    @Test
    void aConsistentHistoryHasNoViolationAndIsCounted() {
        cleanHistory();

        AuditReport report = report();

        assertThat(report.violations()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.counts()).containsEntry(Topics.CART_COMMANDS.name(), 9L).containsEntry("checkouts", 2L)
                .containsEntry("orders placed", 1L).containsEntry("orders rejected", 1L)
                .containsEntry("reopenings", 1L).containsEntry(Topics.DEAD_LETTERS.name(), 3L);
    }

    @Nested
    class TheSaga {

        @Test
        void aCheckoutWithoutAnOrderAnswerIsAViolation() {
            cartCommand("cart-1", checkout("co"));
            cartEvent(checkedOut("cart-1", "co", 1));

            assertThat(report().violations()).singleElement().asString()
                    .contains("cart cart-1: checkout of " + orderId("cart-1", "co") + " has 0 OrderPlaced/OrderRejected");
        }

        @Test
        void aCheckoutAnsweredTwiceIsAViolation() {
            cartCommand("cart-1", checkout("co"));
            CartEvent.CartCheckedOut checkout = checkedOut("cart-1", "co", 1);
            cartEvent(checkout);
            orderEvent(placed(checkout));
            OrderEvent.OrderPlaced again = placed(checkout);
            orderEvent(new OrderEvent.OrderPlaced("another-event-id", again.orderId(), "another-cause", 2, AT, 1,
                    "cart-1", "alice", LINES, 2500, "EUR"));

            assertThat(report().violations()).singleElement().asString()
                    .contains("has 2 OrderPlaced/OrderRejected (expected exactly 1)");
        }

        @Test
        void aRejectionWithoutReopenIsAViolation() {
            cartCommand("cart-1", checkout("co"));
            CartEvent.CartCheckedOut checkout = checkedOut("cart-1", "co", 1);
            cartEvent(checkout);
            orderEvent(rejected(checkout));

            assertThat(report().violations()).singleElement().asString()
                    .contains("order " + checkout.orderId() + ": rejection has 0 CartReopened");
        }

        @Test
        void anOrderWithoutCheckoutIsAViolation() {
            orderEvent(placed(checkedOut("cart-1", "co", 1)));

            assertThat(report().violations()).singleElement().asString().contains("answers no CartCheckedOut");
        }
    }

    @Nested
    class Events {

        @Test
        void aDuplicateEventIdIsAViolationReportedOnce() {
            cartCommand("cart-1", add("a"));
            cartEvent(itemAdded("cart-1", "a", 1));
            cartEvent(itemAdded("cart-1", "a", 1));

            assertThat(report().violations()).singleElement().asString()
                    .startsWith("cart-events-0@1: eventId " + cartEventId("cart-1", "a"))
                    .contains("appears twice (first at cart-events-0@0)");
        }

        @Test
        void aVersionGapIsAViolation() {
            cartCommand("cart-1", add("a"));
            cartEvent(itemAdded("cart-1", "a", 1));
            cartCommand("cart-1", add("b"));
            cartEvent(itemAdded("cart-1", "b", 3));
            cartCommand("cart-1", add("c"));
            cartEvent(itemAdded("cart-1", "c", 4));

            assertThat(report().violations()).singleElement().asString()
                    .isEqualTo("cart-events-0@1: cart cart-1 version 3 follows 1 (a gap)");
        }

        @Test
        void aRepeatedVersionIsAViolation() {
            cartCommand("cart-1", add("a"));
            cartEvent(itemAdded("cart-1", "a", 1));
            cartCommand("cart-1", add("b"));
            cartEvent(itemAdded("cart-1", "b", 1));

            assertThat(report().violations()).singleElement().asString()
                    .isEqualTo("cart-events-0@1: cart cart-1 version 1 repeats (the aggregate is at 1)");
        }

        @Test
        void aRejectionMustCarryTheVersionItWasDecidedAgainst() {
            cartCommand("cart-1", add("a"));
            cartEvent(itemAdded("cart-1", "a", 1));
            cartCommand("cart-1", add("b"));
            cartEvent(cartRejected("cart-1", "b", 2));

            assertThat(report().violations()).singleElement().asString()
                    .contains("rejection decided against version 2 but the aggregate is at 1");
        }

        @Test
        void anEventThatDoesNotDecodeIsAViolation() {
            feed(Topics.ORDER_EVENTS.name(), "order-1", utf8("{\"type\":\"OrderTeleported\"}"), new RecordHeaders());

            assertThat(report().violations()).singleElement().asString()
                    .startsWith("order-events-0@0: an event that does not decode (UNKNOWN_TYPE)");
        }
    }

    @Nested
    class Commands {

        @Test
        void aCommandWithoutOutcomeIsAViolation() {
            cartCommand("cart-1", add("lost"));

            assertThat(report().violations()).singleElement().asString()
                    .isEqualTo("cart-commands-0@0: command cart cart-1|lost has no outcome and no dead letter");
        }

        @Test
        void aCommandWithTwoOutcomesIsAViolation() {
            cartCommand("cart-1", add("twice"));
            cartEvent(itemAdded("cart-1", "twice", 1));
            cartEvent(new CartEvent.ItemQuantityChanged("other-event-id", "cart-1", "twice", 2, AT, 1, "mug", 3));

            assertThat(report().violations()).singleElement().asString()
                    .isEqualTo("cart-events-0@1: cart cart-1 has a second outcome for twice");
        }

        @Test
        void anOrderCommandWithoutOutcomeIsAViolation() {
            orderCommand("order-1", "{\"type\":\"DeliverOrder\",\"commandId\":\"d\"}");

            assertThat(report().violations()).singleElement().asString()
                    .contains("command order order-1|d has no outcome and no dead letter");
        }

        @Test
        void anUndecodableCommandWithoutDeadLetterIsAViolation() {
            cartCommand("cart-1", "not json");
            feed(Topics.CART_COMMANDS.name(), null, utf8(add("no-key")), new RecordHeaders());

            assertThat(report().violations()).containsExactly(
                    "cart-commands-0@0: a record that is not a command has no dead letter",
                    "cart-commands-0@1: a record that is not a command has no dead letter");
        }

        @Test
        void aDeadLetterOfAnotherRecordDoesNotCount() {
            long bad = cartCommand("cart-1", "not json");
            deadLetter(Topics.CART_COMMANDS.name(), bad + 1, "cart-1", "not json", ErrorCode.NOT_JSON);

            assertThat(report().violations()).singleElement().asString()
                    .startsWith("cart-commands-0@0: a record that is not a command has no dead letter");
        }

        @Test
        void twoDeadLettersOfOneRecordAreAViolation() {
            long bad = cartCommand("cart-1", "not json");
            deadLetter(Topics.CART_COMMANDS.name(), bad, "cart-1", "not json", ErrorCode.NOT_JSON);
            deadLetter(Topics.CART_COMMANDS.name(), bad, "cart-1", "not json", ErrorCode.NOT_JSON);

            assertThat(report().violations()).singleElement().asString()
                    .isEqualTo("cart-commands-0@0 has 2 dead letters (expected at most 1)");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
