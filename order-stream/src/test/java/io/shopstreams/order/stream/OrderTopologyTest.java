package io.shopstreams.order.stream;

import io.shopstreams.service.aggregate.CatalogTable;
import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.ErrorCode;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Line;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import io.shopstreams.events.CommandOutcome;
import io.shopstreams.order.domain.CustomerOrder;
import io.shopstreams.order.domain.CustomerOrders;
import io.shopstreams.events.EventIds;
import io.shopstreams.order.domain.Order;
import io.shopstreams.order.domain.OrderDecider;
import io.shopstreams.order.domain.OrderStatus;
import io.shopstreams.order.domain.RejectionCode;
import io.shopstreams.service.stream.DeadLetters;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.shopstreams.order.stream.OrderDriver.MAX_TOTAL_CENTS;
import static io.shopstreams.order.stream.OrderDriver.utf8;
import static io.shopstreams.order.stream.OrderMessages.CATALOG;
import static io.shopstreams.order.stream.OrderMessages.CUSTOMER;
import static io.shopstreams.order.stream.OrderMessages.LAMP;
import static io.shopstreams.order.stream.OrderMessages.MUG;
import static io.shopstreams.order.stream.OrderMessages.OTHER_CUSTOMER;
import static io.shopstreams.order.stream.OrderMessages.RETIRED;
import static io.shopstreams.order.stream.OrderMessages.TEA;
import static io.shopstreams.order.stream.OrderMessages.cancel;
import static io.shopstreams.order.stream.OrderMessages.checkout;
import static io.shopstreams.order.stream.OrderMessages.checkoutEventId;
import static io.shopstreams.order.stream.OrderMessages.deliver;
import static io.shopstreams.order.stream.OrderMessages.line;
import static io.shopstreams.order.stream.OrderMessages.otherCartEvents;
import static io.shopstreams.order.stream.OrderMessages.pay;
import static io.shopstreams.order.stream.OrderMessages.ship;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The production topology in a {@link org.apache.kafka.streams.TopologyTestDriver}, under the production Streams
 * configuration: {@code cart-events}, {@code order-commands} and {@code products} in; {@code order-events},
 * {@code dead-letters} and store contents out.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrderTopologyTest {
    private static final String ORDER = "order-1";
    private static final String CART = "cart-1";
    /** 2 mugs and 1 tea. */
    private static final List<Line> LINES = List.of(line(MUG, 2), line(TEA, 1));
    private static final long TOTAL = 2 * 1299 + 450;

    @TempDir
    Path stateDir;

    private final RecordingObserver observer = new RecordingObserver();
    private OrderDriver driver;

    @BeforeEach
    void startWithTheCatalog() {
        driver = new OrderDriver(stateDir, observer);
        CATALOG.forEach(driver::product);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Nested
    class The_driver {

        /**
         * The service's exactly-once configuration and its processing handler: a checkout whose placement fails
         * after the repartition by order is a dead letter of the bytes it was read as, and the next is placed.
         */
        @Test
        void dead_letters_a_checkout_the_service_fails_on_and_goes_on() {
            try (OrderDriver failing = new OrderDriver(stateDir.resolve("failing"), new DecisionObserver<OrderEvent>() {
                @Override
                public void decided(OrderEvent event) {
                    if (event.orderId().equals(ORDER)) {
                        throw new IllegalStateException("a bug on a placement");
                    }
                }
            })) {
                CATALOG.forEach(failing::product);
                CartEvent.CartCheckedOut checkout = checkout(CART, ORDER, CUSTOMER, line(MUG, 1));
                failing.cartEvent(checkout);

                assertThat(failing.properties).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                        StreamsConfig.EXACTLY_ONCE_V2);
                assertThat(failing.deadLetters()).singleElement().satisfies(letter -> {
                    assertThat(letter.key()).isEqualTo(utf8(ORDER));
                    assertThat(letter.value()).isEqualTo(JsonCodec.CART_EVENTS.encode(checkout));
                    assertThat(header(letter, DeadLetters.ERROR_CODE)).isEqualTo(ErrorCode.PROCESSING_ERROR.name());
                    assertThat(header(letter, DeadLetters.ERROR_MESSAGE)).isEqualTo("a bug on a placement");
                    assertThat(header(letter, DeadLetters.SERVICE)).isEqualTo(OrderTopology.SERVICE);
                    assertThat(header(letter, DeadLetters.SOURCE_TOPIC))
                            .isEqualTo(OrderTopology.SERVICE + "-" + OrderTopology.CHECKOUTS_BY_ORDER + "-repartition");
                    assertThat(header(letter, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
                    assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
                });
                failing.cartEvent(checkout("cart-2", "order-2", CUSTOMER, line(TEA, 1)));
                assertThat(failing.events()).extracting(OrderEvent::orderId).containsExactly(ORDER, "order-2");
            }
        }
    }

    @Nested
    class A_cart_checked_out {

        @Test
        void becomes_exactly_one_order_placed_keyed_by_its_order_id() {
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, LINES.toArray(Line[]::new)));

            Instant at = driver.lastTimestamp();
            String cause = checkoutEventId(ORDER);
            assertThat(driver.eventRecords()).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(ORDER);
                assertThat(record.value()).isEqualTo(new OrderEvent.OrderPlaced(EventIds.eventId("order", ORDER,
                        cause, 0), ORDER, cause, 1, at, OrderEvent.SCHEMA_VERSION, CART, CUSTOMER, LINES, TOTAL,
                        "EUR"));
                assertThat(record.getRecordTime()).isEqualTo(at);
            });
            assertThat(driver.order(ORDER)).isEqualTo(new Order(ORDER, CART, CUSTOMER, OrderStatus.PLACED, LINES,
                    TOTAL, "EUR", 1, at, null, null, null, null, null, null));
            assertThat(driver.outcomes(ORDER, cause))
                    .containsExactly(new CommandOutcome(cause, CommandOutcome.Status.ACCEPTED, null, null, 1));
            assertThat(observer.decided).hasSize(1);
            assertThat(driver.deadLetters()).isEmpty();
        }

        @Test
        void is_the_only_cart_event_order_stream_acts_on() {
            otherCartEvents(CART).forEach(driver::cartEvent);

            assertThat(driver.events()).isEmpty();
            assertThat(driver.deadLetters()).isEmpty();
            assertThat(driver.orders()).isEmpty();
            assertThat(driver.customers()).isEmpty();
        }

        @Test
        void with_a_product_made_inactive_since_is_an_order_rejected_product_inactive() {
            driver.product(new Product(MUG.sku(), MUG.name(), MUG.priceCents(), MUG.currency(), false));
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, LINES.toArray(Line[]::new)));

            OrderEvent.OrderRejected rejected = assertOrderRejected(RejectionCode.PRODUCT_INACTIVE);
            assertThat(rejected.reason()).contains(MUG.sku()).doesNotContain(TEA.sku());
            Order order = driver.order(ORDER);
            assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(order.rejectionCode()).isEqualTo(RejectionCode.PRODUCT_INACTIVE.name());
            assertThat(order.version()).isEqualTo(1);
        }

        @Test
        void with_a_product_deleted_by_a_tombstone_is_an_order_rejected_product_inactive() {
            driver.deleteProduct(TEA.sku());
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, LINES.toArray(Line[]::new)));

            assertThat(assertOrderRejected(RejectionCode.PRODUCT_INACTIVE).reason()).contains(TEA.sku());
        }

        @Test
        void is_judged_against_the_catalog_as_it_is_when_the_checkout_arrives() {
            driver.product(new Product(RETIRED.sku(), RETIRED.name(), RETIRED.priceCents(), "EUR", true));
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, line(RETIRED, 1)));
            driver.deleteProduct(RETIRED.sku());

            assertThat(driver.events()).singleElement().isInstanceOf(OrderEvent.OrderPlaced.class);
            assertThat(driver.order(ORDER).status()).isEqualTo(OrderStatus.PLACED);
        }

        @Test
        void over_the_maximum_total_is_an_order_rejected_total_too_high() {
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, line(LAMP, 2), line(TEA, 1)));

            assertThat(assertOrderRejected(RejectionCode.TOTAL_TOO_HIGH).reason())
                    .contains(Long.toString(MAX_TOTAL_CENTS + TEA.priceCents()), Long.toString(MAX_TOTAL_CENTS));
        }

        @Test
        void at_exactly_the_maximum_total_is_placed() {
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, line(LAMP, 2)));

            assertThat(driver.events()).singleElement().isInstanceOfSatisfying(OrderEvent.OrderPlaced.class,
                    placed -> assertThat(placed.totalCents()).isEqualTo(MAX_TOTAL_CENTS));
        }

        @Test
        void twice_still_gives_exactly_one_event_even_when_the_catalog_changed_in_between() {
            CartEvent.CartCheckedOut checkout = checkout(CART, ORDER, CUSTOMER, LINES.toArray(Line[]::new));
            driver.cartEvent(checkout);
            driver.product(new Product(MUG.sku(), MUG.name(), MUG.priceCents(), MUG.currency(), false));
            driver.cartEvent(checkout);

            assertThat(driver.events()).singleElement().isInstanceOf(OrderEvent.OrderPlaced.class);
            assertThat(driver.order(ORDER).status()).isEqualTo(OrderStatus.PLACED);
            assertThat(driver.outcomes(ORDER, checkout.eventId())).hasSize(1);
            assertThat(observer.duplicates).containsExactly(OutcomeMemory.key(ORDER, checkout.eventId()));
        }

        @Test
        void of_an_order_that_already_exists_under_another_event_id_emits_nothing() {
            CartEvent.CartCheckedOut checkout = checkout(CART, ORDER, CUSTOMER, LINES.toArray(Line[]::new));
            driver.cartEvent(checkout);
            driver.cartEvent(new CartEvent.CartCheckedOut("another-event", CART, checkout.commandId(),
                    checkout.version(), checkout.occurredAt(), CartEvent.SCHEMA_VERSION, ORDER, CUSTOMER,
                    List.of(line(MUG, 1)), MUG.priceCents(), "EUR"));

            assertThat(driver.events()).singleElement().isInstanceOf(OrderEvent.OrderPlaced.class);
            assertThat(driver.order(ORDER).lines()).isEqualTo(LINES);
        }

        private OrderEvent.OrderRejected assertOrderRejected(RejectionCode code) {
            List<TestRecord<String, OrderEvent>> records = driver.eventRecords();
            assertThat(records).singleElement().satisfies(record -> assertThat(record.key()).isEqualTo(ORDER));
            OrderEvent event = records.get(0).value();
            assertThat(event).isInstanceOf(OrderEvent.OrderRejected.class);
            OrderEvent.OrderRejected rejected = (OrderEvent.OrderRejected) event;
            assertThat(rejected.code()).isEqualTo(code.name());
            assertThat(rejected.orderId()).isEqualTo(ORDER);
            assertThat(rejected.cartId()).isEqualTo(CART);
            assertThat(rejected.commandId()).isEqualTo(checkoutEventId(ORDER));
            assertThat(rejected.version()).isEqualTo(1);
            assertThat(rejected.occurredAt()).isEqualTo(driver.lastTimestamp());
            assertThat(rejected.reason()).isNotBlank();
            // The checkout was handled, not refused: its outcome is ACCEPTED, the order exists as REJECTED.
            assertThat(driver.outcomes(ORDER, checkoutEventId(ORDER))).singleElement()
                    .extracting(CommandOutcome::status).isEqualTo(CommandOutcome.Status.ACCEPTED);
            assertThat(driver.order(ORDER).status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(driver.deadLetters()).isEmpty();
            return rejected;
        }
    }

    @Nested
    class An_order_s_lifecycle {

        @BeforeEach
        void placeTheOrder() {
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, LINES.toArray(Line[]::new)));
            assertThat(driver.events()).singleElement().isInstanceOf(OrderEvent.OrderPlaced.class);
        }

        @Test
        void goes_from_paid_to_shipped_to_delivered_one_event_and_one_version_at_a_time() {
            driver.command(ORDER, pay("c1", TOTAL));
            Instant paidAt = driver.lastTimestamp();
            driver.command(ORDER, ship("c2"));
            driver.command(ORDER, deliver("c3"));

            List<TestRecord<String, OrderEvent>> records = driver.eventRecords();
            assertThat(records).extracting(TestRecord::key).containsOnly(ORDER);
            List<OrderEvent> events = records.stream().map(TestRecord::value).toList();
            assertThat(events.get(0)).isEqualTo(new OrderEvent.OrderPaid(EventIds.eventId("order", ORDER, "c1", 0),
                    ORDER, "c1", 2, paidAt, OrderEvent.SCHEMA_VERSION, CART, TOTAL, "payment-c1"));
            assertThat(events).extracting(event -> event.getClass().getSimpleName())
                    .containsExactly("OrderPaid", "OrderShipped", "OrderDelivered");
            assertThat(events).extracting(OrderEvent::version).containsExactly(2L, 3L, 4L);
            assertThat(events).extracting(OrderEvent::commandId).containsExactly("c1", "c2", "c3");
            assertThat(events).extracting(OrderEvent::cartId).containsOnly(CART);
            assertThat(records).allSatisfy(record ->
                    assertThat(record.value().occurredAt()).isEqualTo(record.getRecordTime()));

            Order order = driver.order(ORDER);
            assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
            assertThat(order.version()).isEqualTo(4);
            assertThat(order.paymentRef()).isEqualTo("payment-c1");
            assertThat(order.carrier()).isEqualTo("DHL");
            assertThat(order.trackingId()).isEqualTo("track-c2");
            assertThat(driver.outcomes(ORDER, "c3"))
                    .containsExactly(new CommandOutcome("c3", CommandOutcome.Status.ACCEPTED, null, null, 4));
            assertThat(observer.decided).hasSize(4);
        }

        @Test
        void refuses_a_payment_of_another_amount_than_the_total_with_amount_mismatch() {
            OrderCommand.PayOrder tooLittle = pay("c1", TOTAL - 1);
            driver.command(ORDER, tooLittle);

            assertRejected(driver.events(), tooLittle, RejectionCode.AMOUNT_MISMATCH, 1);
            assertThat(driver.order(ORDER).status()).isEqualTo(OrderStatus.PLACED);
            assertThat(driver.outcomes(ORDER, "c1")).singleElement().satisfies(outcome -> {
                assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.REJECTED);
                assertThat(outcome.code()).isEqualTo(RejectionCode.AMOUNT_MISMATCH.name());
                assertThat(outcome.version()).isEqualTo(1);
            });
        }

        @Test
        void may_be_cancelled_after_payment_and_keeps_its_payment_reference() {
            driver.command(ORDER, pay("c1", TOTAL));
            driver.command(ORDER, cancel("c2"));

            assertThat(driver.events()).extracting(OrderEvent::version).containsExactly(2L, 3L);
            Order order = driver.order(ORDER);
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(order.paymentRef()).isEqualTo("payment-c1");
            assertThat(order.cancelReason()).isEqualTo("changed my mind");
        }

        @Test
        void refuses_to_ship_a_cancelled_order_with_invalid_transition() {
            driver.command(ORDER, cancel("c1"));
            OrderCommand.ShipOrder ship = ship("c2");
            driver.command(ORDER, ship);

            List<OrderEvent> events = driver.events();
            assertThat(events.get(0)).isInstanceOf(OrderEvent.OrderCancelled.class);
            assertRejected(events.subList(1, events.size()), ship, RejectionCode.INVALID_TRANSITION, 2);
            assertThat(events.get(1).cartId()).isEqualTo(CART);
            assertThat(driver.order(ORDER).status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(driver.order(ORDER).version()).isEqualTo(2);
        }

        @Test
        void refuses_to_ship_before_payment_and_to_cancel_after_shipping() {
            OrderCommand.ShipOrder early = ship("c1");
            driver.command(ORDER, early);
            assertRejected(driver.events(), early, RejectionCode.INVALID_TRANSITION, 1);

            driver.command(ORDER, pay("c2", TOTAL));
            driver.command(ORDER, ship("c3"));
            driver.events();
            OrderCommand.CancelOrder late = cancel("c4");
            driver.command(ORDER, late);
            assertRejected(driver.events(), late, RejectionCode.INVALID_TRANSITION, 3);
        }

        @Test
        void refuses_a_blank_text_field_with_invalid_field() {
            OrderCommand.PayOrder blank = new OrderCommand.PayOrder("c1", null, TOTAL, " ");
            driver.command(ORDER, blank);

            assertRejected(driver.events(), blank, RejectionCode.INVALID_FIELD, 1);
            assertThat(driver.deadLetters()).isEmpty();
        }

        @Test
        void accepts_a_body_that_repeats_the_order_id_of_its_key() {
            driver.command(ORDER, new OrderCommand.PayOrder("c1", ORDER, TOTAL, "ref"));

            assertThat(driver.events()).singleElement().isInstanceOf(OrderEvent.OrderPaid.class);
            assertThat(driver.deadLetters()).isEmpty();
        }
    }

    @Nested
    class A_command_for_an_order_that_cannot_take_it {

        static Stream<OrderCommand> everyCommand() {
            return Stream.of(pay("w", TOTAL), ship("w"), deliver("w"), cancel("w"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyCommand")
        void is_refused_with_order_not_found_at_version_0_when_the_order_does_not_exist(OrderCommand command) {
            driver.command(ORDER, command);

            List<OrderEvent> events = driver.events();
            assertRejected(events, command, RejectionCode.ORDER_NOT_FOUND, 0);
            assertThat(events.get(0).cartId()).isNull();
            assertThat(driver.order(ORDER)).isNull();
            assertThat(driver.orders()).isEmpty();
            assertThat(driver.customers()).isEmpty();
            assertThat(driver.outcomes(ORDER, "w")).containsExactly(new CommandOutcome("w",
                    CommandOutcome.Status.REJECTED, RejectionCode.ORDER_NOT_FOUND.name(),
                    ((OrderEvent.CommandRejected) events.get(0)).reason(), 0));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyCommand")
        void is_refused_with_order_rejected_when_the_order_was_rejected_at_placement(OrderCommand command) {
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, line(RETIRED, 1)));
            assertThat(driver.events()).singleElement().isInstanceOf(OrderEvent.OrderRejected.class);
            Order rejected = driver.order(ORDER);

            driver.command(ORDER, command);

            List<OrderEvent> events = driver.events();
            assertRejected(events, command, RejectionCode.ORDER_REJECTED, 1);
            assertThat(events.get(0).cartId()).isEqualTo(CART);
            assertThat(driver.order(ORDER)).isEqualTo(rejected);
        }
    }

    @Nested
    class A_command_id_seen_before {

        @BeforeEach
        void placeTheOrder() {
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, LINES.toArray(Line[]::new)));
            driver.events();
        }

        @Test
        void has_no_second_effect_and_no_second_event() {
            driver.command(ORDER, pay("c1", TOTAL));
            driver.command(ORDER, pay("c1", TOTAL));
            // Same commandId, another body: still the same command.
            driver.command(ORDER, cancel("c1"));

            assertThat(driver.events()).singleElement().isInstanceOf(OrderEvent.OrderPaid.class);
            assertThat(driver.order(ORDER).status()).isEqualTo(OrderStatus.PAID);
            assertThat(driver.order(ORDER).version()).isEqualTo(2);
            assertThat(driver.outcomes(ORDER, "c1"))
                    .containsExactly(new CommandOutcome("c1", CommandOutcome.Status.ACCEPTED, null, null, 2));
            assertThat(observer.duplicates).containsExactly(OutcomeMemory.key(ORDER, "c1"),
                    OutcomeMemory.key(ORDER, "c1"));
            assertThat(driver.deadLetters()).isEmpty();
        }

        @Test
        void keeps_its_first_outcome_even_when_it_would_now_be_decided_otherwise() {
            driver.command(ORDER, ship("c1"));
            driver.command(ORDER, pay("c2", TOTAL));
            driver.events();
            driver.command(ORDER, ship("c1"));

            assertThat(driver.events()).isEmpty();
            assertThat(driver.order(ORDER).status()).isEqualTo(OrderStatus.PAID);
            assertThat(driver.outcomes(ORDER, "c1")).singleElement()
                    .extracting(CommandOutcome::code).isEqualTo(RejectionCode.INVALID_TRANSITION.name());
        }

        @Test
        void for_another_order_is_another_command() {
            driver.cartEvent(checkout("cart-2", "order-2", CUSTOMER, line(TEA, 1)));
            driver.command(ORDER, pay("c1", TOTAL));
            driver.command("order-2", pay("c1", TEA.priceCents()));

            assertThat(driver.events()).extracting(OrderEvent::orderId).containsExactly("order-2", ORDER, "order-2");
            assertThat(driver.order("order-2").status()).isEqualTo(OrderStatus.PAID);
        }
    }

    @Nested
    class A_record_on_order_commands_that_cannot_be_a_command {
        private static final String PAY =
                "{\"type\":\"PayOrder\",\"commandId\":\"c9\",\"amountCents\":" + TOTAL + ",\"paymentRef\":\"ref-9\"}";

        static Stream<Arguments> badRecords() {
            byte[] order = utf8(ORDER);
            return Stream.of(
                    arguments("no key", null, utf8(PAY), ErrorCode.MISSING_KEY),
                    arguments("an empty key", new byte[0], utf8(PAY), ErrorCode.MISSING_KEY),
                    arguments("a key that is not UTF-8", new byte[] {'o', (byte) 0xC3, (byte) 0x28}, utf8(PAY),
                            ErrorCode.INVALID_KEY),
                    arguments("a key that breaks the ID rule", utf8("order 1!"), utf8(PAY), ErrorCode.INVALID_KEY),
                    arguments("a null value", order, null, ErrorCode.EMPTY_VALUE),
                    arguments("a value that is not JSON", order, utf8("pay order-1, please"), ErrorCode.NOT_JSON),
                    arguments("truncated JSON", order, utf8(PAY.substring(0, PAY.length() - 1)), ErrorCode.NOT_JSON),
                    arguments("JSON that is not an object", order, utf8("[\"PayOrder\"]"), ErrorCode.NOT_AN_OBJECT),
                    arguments("an object without a type", order, utf8(PAY.replace("\"type\":\"PayOrder\",", "")),
                            ErrorCode.MISSING_TYPE),
                    arguments("an unknown type", order, utf8(PAY.replace("PayOrder", "PayOrders")),
                            ErrorCode.UNKNOWN_TYPE),
                    arguments("a cart command's type", order,
                            utf8("{\"type\":\"AddItem\",\"commandId\":\"c9\",\"sku\":\"sku-mug\",\"quantity\":1}"),
                            ErrorCode.UNKNOWN_TYPE),
                    arguments("a missing text field", order, utf8(PAY.replace(",\"paymentRef\":\"ref-9\"", "")),
                            ErrorCode.MISSING_FIELD),
                    arguments("a missing amount", order, utf8(PAY.replace(",\"amountCents\":" + TOTAL, "")),
                            ErrorCode.MISSING_FIELD),
                    arguments("a field of the wrong type", order,
                            utf8(PAY.replace("\"paymentRef\":\"ref-9\"", "\"paymentRef\":9")),
                            ErrorCode.WRONG_FIELD_TYPE),
                    arguments("money as a float", order,
                            utf8(PAY.replace("\"amountCents\":" + TOTAL, "\"amountCents\":30.48")),
                            ErrorCode.INVALID_MONEY),
                    arguments("money as a whole float", order,
                            utf8(PAY.replace("\"amountCents\":" + TOTAL, "\"amountCents\":3048.0")),
                            ErrorCode.INVALID_MONEY),
                    arguments("money as a string", order,
                            utf8(PAY.replace("\"amountCents\":" + TOTAL, "\"amountCents\":\"3048\"")),
                            ErrorCode.INVALID_MONEY),
                    arguments("an ID that breaks the ID rule", order, utf8(PAY.replace("\"c9\"", "\"c 9\"")),
                            ErrorCode.INVALID_ID),
                    arguments("a value over 64 KiB", order,
                            utf8(PAY.replace("}", ",\"note\":\"" + "x".repeat(JsonCodec.MAX_PAYLOAD_BYTES) + "\"}")),
                            ErrorCode.PAYLOAD_TOO_LARGE),
                    arguments("a body naming another order than the key", order,
                            utf8(PAY.replace("{", "{\"orderId\":\"order-2\",")), ErrorCode.KEY_MISMATCH));
        }

        @BeforeEach
        void placeTheOrder() {
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, LINES.toArray(Line[]::new)));
            driver.events();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badRecords")
        void is_one_dead_letter_with_its_original_bytes_and_the_service_goes_on(
                String description, byte[] key, byte[] value, ErrorCode code) {
            Order before = driver.order(ORDER);
            long offset = driver.rawCommand(key, value);

            assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.key()).isEqualTo(key);
                assertThat(letter.value()).isEqualTo(value);
                assertDeadLetterHeaders(letter, Topics.ORDER_COMMANDS.name(), offset, code);
            });
            assertThat(driver.events()).isEmpty();
            assertThat(driver.order(ORDER)).isEqualTo(before);
            assertThat(driver.outcomes(ORDER, "c9")).isEmpty();

            // The same command, fixed and re-published, is decided as new.
            driver.command(ORDER, PAY);
            assertThat(driver.events()).singleElement().isInstanceOfSatisfying(OrderEvent.OrderPaid.class,
                    paid -> assertThat(paid.commandId()).isEqualTo("c9"));
            assertThat(driver.deadLetters()).isEmpty();
        }
    }

    @Nested
    class A_record_on_cart_events_that_cannot_be_an_event {

        static Stream<Arguments> badRecords() {
            String valid = JsonCodec.CART_EVENTS.encodeToString(checkout(CART, ORDER, CUSTOMER, line(MUG, 1)));
            return Stream.of(
                    arguments("truncated JSON", utf8("{\"type\":\"CartCheckedOut\",\"orderId\":"), ErrorCode.NOT_JSON),
                    arguments("an unknown type", utf8(valid.replace("CartCheckedOut", "CartCheckedOutV2")),
                            ErrorCode.UNKNOWN_TYPE),
                    arguments("a missing field", utf8(valid.replace("\"customerId\":\"" + CUSTOMER + "\",", "")),
                            ErrorCode.MISSING_FIELD),
                    arguments("money as a float", utf8(valid.replace("\"totalCents\":1299", "\"totalCents\":12.99")),
                            ErrorCode.INVALID_MONEY));
        }

        /**
         * At least once, unlike production: the handler sends its dead letter while the record is read, before any
         * processing, and under exactly-once the test driver discards such a send (it clears its mock producer,
         * open transaction included, before processing the next record). A real producer commits it with the next
         * transaction. The handlers and everything else are the production configuration.
         */
        private OrderDriver alos;

        @BeforeEach
        void startAtLeastOnce() {
            alos = new OrderDriver(stateDir.resolve("at-least-once"), DecisionObserver.none(),
                    Map.of("PROCESSING_GUARANTEE", StreamsConfig.AT_LEAST_ONCE));
            CATALOG.forEach(alos::product);
        }

        @AfterEach
        void closeAtLeastOnce() {
            alos.close();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badRecords")
        void is_a_dead_letter_through_the_exception_handler_and_the_next_checkout_is_placed(
                String description, byte[] value, ErrorCode code) {
            long offset = alos.rawCartEvent(CART, value);

            assertThat(alos.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.key()).isEqualTo(utf8(CART));
                assertThat(letter.value()).isEqualTo(value);
                assertDeadLetterHeaders(letter, Topics.CART_EVENTS.name(), offset, code);
            });
            assertThat(alos.events()).isEmpty();
            assertThat(alos.orders()).isEmpty();

            alos.cartEvent(checkout(CART, ORDER, CUSTOMER, line(MUG, 1)));
            assertThat(alos.events()).singleElement().isInstanceOf(OrderEvent.OrderPlaced.class);
            assertThat(alos.deadLetters()).isEmpty();
        }
    }

    @Nested
    class A_record_on_products_that_cannot_be_a_product {

        @Test
        void is_skipped_by_the_catalog_which_keeps_the_product_as_it_was_and_placement_goes_on() {
            // The global thread cannot write dead letters (see DeadLetterExceptionHandler): skipped and logged.
            driver.rawProduct(MUG.sku(), utf8("{\"sku\":\"sku-mug\",\"name\":\"Mug\",\"priceCents\":12.99}"));
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, line(MUG, 1)));

            assertThat(driver.events()).singleElement().isInstanceOf(OrderEvent.OrderPlaced.class);
        }
    }

    @Nested
    class A_record_the_service_fails_on {

        @Test
        void is_a_processing_error_dead_letter_and_the_store_still_equals_the_fold_of_the_events() {
            try (OrderDriver failing = new OrderDriver(stateDir.resolve("failing"), new DecisionObserver<OrderEvent>() {
                @Override
                public void decided(OrderEvent event) {
                    if (event instanceof OrderEvent.OrderPaid) {
                        throw new IllegalStateException("a bug on a payment");
                    }
                }
            })) {
                CATALOG.forEach(failing::product);
                failing.cartEvent(checkout(CART, ORDER, CUSTOMER, LINES.toArray(Line[]::new)));
                failing.command(ORDER, pay("c1", TOTAL));
                failing.command(ORDER, ship("c2"));

                assertThat(failing.deadLetters()).singleElement().satisfies(letter -> {
                    assertThat(header(letter, DeadLetters.ERROR_CODE)).isEqualTo(ErrorCode.PROCESSING_ERROR.name());
                    assertThat(header(letter, DeadLetters.ERROR_MESSAGE)).isEqualTo("a bug on a payment");
                    assertThat(header(letter, DeadLetters.SERVICE)).isEqualTo(OrderTopology.SERVICE);
                    // ORDER does not hash to partition 0, which the driver reads from: decided after the
                    // repartition, so the letter names the internal topic it was read from.
                    assertThat(header(letter, DeadLetters.SOURCE_TOPIC))
                            .endsWith(OrderTopology.COMMANDS_BY_ORDER + "-repartition");
                    assertThat(JsonCodec.ORDER_COMMANDS.decode(letter.value())).isEqualTo(pay("c1", TOTAL));
                });
                // Whatever became of the failing record, the store never disagrees with the events that went out.
                List<OrderEvent> events = failing.events();
                assertThat(failing.order(ORDER)).isEqualTo(OrderDecider.fold(ORDER, events));
                // The payment was decided and written before the observer failed: the order ships.
                assertThat(events).extracting(event -> event.getClass().getSimpleName())
                        .containsExactly("OrderPlaced", "OrderPaid", "OrderShipped");
            }
        }
    }

    @Nested
    class The_customer_index {

        @Test
        void lists_every_order_of_a_customer_with_its_current_status() {
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, line(MUG, 1)));
            driver.cartEvent(checkout("cart-2", "order-2", CUSTOMER, line(TEA, 2)));
            assertThat(statuses(CUSTOMER)).containsExactly(entry(ORDER, "PLACED"), entry("order-2", "PLACED"));

            driver.command(ORDER, pay("c1", MUG.priceCents()));
            assertThat(statuses(CUSTOMER)).containsExactly(entry(ORDER, "PAID"), entry("order-2", "PLACED"));

            driver.command(ORDER, ship("c2"));
            driver.command("order-2", cancel("c3"));
            driver.command("order-2", ship("c4"));
            assertThat(statuses(CUSTOMER)).containsExactly(entry(ORDER, "SHIPPED"), entry("order-2", "CANCELLED"));

            CustomerOrders index = driver.customer(CUSTOMER);
            assertThat(index.orders()).containsExactly(CustomerOrder.of(driver.order(ORDER)),
                    CustomerOrder.of(driver.order("order-2")));
        }

        @Test
        void keeps_the_orders_of_different_customers_apart() {
            driver.cartEvent(checkout(CART, ORDER, CUSTOMER, line(MUG, 1)));
            driver.cartEvent(checkout("cart-2", "order-2", OTHER_CUSTOMER, line(TEA, 1)));
            driver.cartEvent(checkout("cart-3", "order-3", CUSTOMER, line(TEA, 1)));
            driver.command("order-2", pay("c1", TEA.priceCents()));

            assertThat(driver.customers()).containsOnlyKeys(CUSTOMER, OTHER_CUSTOMER);
            assertThat(statuses(CUSTOMER)).containsExactly(entry(ORDER, "PLACED"), entry("order-3", "PLACED"));
            assertThat(statuses(OTHER_CUSTOMER)).containsExactly(entry("order-2", "PAID"));
            assertThat(driver.customer(OTHER_CUSTOMER).customerId()).isEqualTo(OTHER_CUSTOMER);
        }

        @Test
        void is_not_touched_by_commands_for_unknown_orders() {
            driver.command(ORDER, pay("c1", 100));

            assertThat(driver.events()).singleElement().isInstanceOf(OrderEvent.CommandRejected.class);
            assertThat(driver.customers()).isEmpty();
        }

        private List<String> statuses(String customerId) {
            return driver.customer(customerId).orders().stream()
                    .map(order -> entry(order.orderId(), order.status())).toList();
        }

        private static String entry(String orderId, String status) {
            return orderId + "=" + status;
        }
    }

    @Nested
    class The_live_state {

        @Test
        void equals_the_fold_of_the_emitted_events() {
            OrderScenario.play(driver);
            List<TestRecord<String, OrderEvent>> records = driver.eventRecords();
            assertThat(records).as("every event OrderScenario makes").hasSize(17);

            Map<String, List<OrderEvent>> byOrder = new LinkedHashMap<>();
            records.forEach(record -> byOrder.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value()));
            Map<String, Order> rebuilt = byOrder.entrySet().stream()
                    .map(entry -> OrderDecider.fold(entry.getKey(), entry.getValue()))
                    .filter(Order::exists)
                    .collect(Collectors.toMap(Order::orderId, order -> order));

            assertThat(driver.orders()).isEqualTo(rebuilt);
            assertThat(rebuilt).extractingByKeys(OrderScenario.DELIVERED, OrderScenario.CANCELLED,
                            OrderScenario.PLACED, OrderScenario.REJECTED, OrderScenario.TOO_HIGH)
                    .extracting(Order::status)
                    .containsExactly(OrderStatus.DELIVERED, OrderStatus.CANCELLED, OrderStatus.PLACED,
                            OrderStatus.REJECTED, OrderStatus.REJECTED);
            assertThat(byOrder).as("an order with only rejections").containsKey(OrderScenario.UNKNOWN);
            assertThat(rebuilt).doesNotContainKey(OrderScenario.UNKNOWN);
        }

        @Test
        void indexes_each_customer_s_orders_as_folded_from_the_events() {
            OrderScenario.play(driver);
            Map<String, List<OrderEvent>> byOrder = new LinkedHashMap<>();
            driver.eventRecords().forEach(record ->
                    byOrder.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value()));

            Map<String, List<CustomerOrder>> entries = new LinkedHashMap<>();
            byOrder.forEach((orderId, events) -> {
                Order order = OrderDecider.fold(orderId, events);
                if (order.customerId() != null) {
                    entries.computeIfAbsent(order.customerId(), k -> new ArrayList<>()).add(CustomerOrder.of(order));
                }
            });
            Map<String, CustomerOrders> rebuilt = new LinkedHashMap<>();
            entries.forEach((customerId, orders) -> rebuilt.put(customerId, CustomerOrders.of(customerId, orders)));

            assertThat(driver.customers()).isEqualTo(rebuilt).containsOnlyKeys(CUSTOMER, OTHER_CUSTOMER);
        }

        @Test
        void remembers_the_outcome_each_event_records_for_its_cause() {
            OrderScenario.play(driver);

            for (TestRecord<String, OrderEvent> record : driver.eventRecords()) {
                OrderEvent event = record.value();
                assertThat(driver.outcomes(event.orderId(), event.commandId()))
                        .containsExactly(CommandOutcome.of(event));
            }
        }
    }

    @Nested
    class Decisions {

        @Test
        void are_deterministic_the_same_records_give_the_same_events_in_a_fresh_driver() {
            List<TestRecord<String, OrderEvent>> first;
            List<TestRecord<String, OrderEvent>> second;
            try (OrderDriver one = new OrderDriver(stateDir.resolve("one"), DecisionObserver.none());
                 OrderDriver two = new OrderDriver(stateDir.resolve("two"), DecisionObserver.none())) {
                CATALOG.forEach(one::product);
                CATALOG.forEach(two::product);
                OrderScenario.play(one);
                OrderScenario.play(two);
                first = one.eventRecords();
                second = two.eventRecords();
            }

            assertThat(first).as("every event OrderScenario makes").hasSize(17);
            assertThat(second).isEqualTo(first);
            assertThat(encoded(second)).isEqualTo(encoded(first));
            assertThat(first).extracting(record -> record.value().eventId()).doesNotHaveDuplicates();
            assertThat(first).allSatisfy(record ->
                    assertThat(record.value().occurredAt()).isEqualTo(record.getRecordTime()));
        }

        @Test
        void on_checkouts_are_made_only_after_they_are_re_routed_by_order_id() {
            TopologyDescription description = driver.topology.describe();

            TopologyDescription.Subtopology reader = subtopologyWith(description, "cart-events-source");
            TopologyDescription.Subtopology placer = subtopologyWith(description, "order-placer");
            assertThat(placer).isNotSameAs(reader);
            assertThat(sinkTopics(reader)).containsExactly(OrderTopology.CHECKOUTS_BY_ORDER + "-repartition");
            assertThat(sourceTopics(placer)).contains(OrderTopology.CHECKOUTS_BY_ORDER + "-repartition")
                    .doesNotContain(Topics.CART_EVENTS.name());
        }

        @Test
        void on_commands_are_made_where_they_are_read_or_after_the_repartition_topic() {
            TopologyDescription description = driver.topology.describe();

            // A command on its order's partition is decided where it is read; any other is re-routed first.
            TopologyDescription.Subtopology decider = subtopologyWith(description, "order-decider");
            assertThat(decider).isSameAs(subtopologyWith(description, "order-commands-source"));
            assertThat(sinkTopics(decider)).contains(
                    OrderTopology.COMMANDS_BY_ORDER + "-repartition", Topics.DEAD_LETTERS.name());
            // Placer and decider share the order store, so every input of one order meets on one task.
            assertThat(decider).isSameAs(subtopologyWith(description, "order-placer"));
            assertThat(sourceTopics(decider)).containsExactlyInAnyOrder(Topics.ORDER_COMMANDS.name(),
                    OrderTopology.CHECKOUTS_BY_ORDER + "-repartition", OrderTopology.COMMANDS_BY_ORDER + "-repartition");
            assertThat(sourceTopics(subtopologyWith(description, "customer-indexer")))
                    .containsExactly(OrderTopology.ORDERS_BY_CUSTOMER + "-repartition");
        }

        @Test
        void name_every_node_store_and_internal_topic_explicitly() {
            TopologyDescription description = driver.topology.describe();
            List<TopologyDescription.Node> nodes = new ArrayList<>();
            description.subtopologies().forEach(sub -> nodes.addAll(sub.nodes()));
            description.globalStores().forEach(global -> {
                nodes.add(global.source());
                nodes.add(global.processor());
            });

            // A floor, not a count: this test is about names, and every new node would change the count.
            assertThat(nodes).hasSizeGreaterThan(20).extracting(TopologyDescription.Node::name)
                    .allSatisfy(OrderTopologyTest::assertExplicitName);
            Set<String> stores = nodes.stream().filter(TopologyDescription.Processor.class::isInstance)
                    .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                    .collect(Collectors.toSet());
            assertThat(stores).containsExactlyInAnyOrder(OrderStores.ORDERS, OrderStores.CUSTOMERS,
                    OrderStores.OUTCOMES, CatalogTable.STORE);
            Set<String> internalTopics = description.subtopologies().stream()
                    .flatMap(sub -> sinkTopics(sub).stream())
                    .filter(topic -> !topic.equals(Topics.ORDER_EVENTS.name()) && !topic.equals(Topics.DEAD_LETTERS.name()))
                    .collect(Collectors.toSet());
            assertThat(internalTopics).containsExactlyInAnyOrder(OrderTopology.CHECKOUTS_BY_ORDER + "-repartition",
                    OrderTopology.COMMANDS_BY_ORDER + "-repartition", OrderTopology.ORDERS_BY_CUSTOMER + "-repartition");
        }
    }

    // --- helpers

    private static void assertExplicitName(String name) {
        assertThat(name).doesNotContain("KSTREAM-", "KTABLE-", "KSTREAM_", "KTABLE_");
    }

    private static void assertRejected(List<OrderEvent> events, OrderCommand command, RejectionCode code,
                                       long version) {
        assertThat(events).singleElement().isInstanceOfSatisfying(OrderEvent.CommandRejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(code.name());
            assertThat(rejected.version()).isEqualTo(version);
            assertThat(rejected.commandId()).isEqualTo(command.commandId());
            assertThat(rejected.commandType()).isEqualTo(command.getClass().getSimpleName());
            assertThat(rejected.reason()).isNotBlank();
        });
    }

    private static void assertDeadLetterHeaders(TestRecord<byte[], byte[]> letter, String topic, long offset,
                                                ErrorCode code) {
        assertThat(header(letter, DeadLetters.ERROR_CODE)).isEqualTo(code.name());
        assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo(topic);
        assertThat(header(letter, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo(Long.toString(offset));
        assertThat(header(letter, DeadLetters.SOURCE_TIMESTAMP))
                .isEqualTo(Long.toString(letter.getRecordTime().toEpochMilli()));
        assertThat(header(letter, DeadLetters.ERROR_MESSAGE)).isNotBlank();
        assertThat(header(letter, DeadLetters.SERVICE)).isEqualTo(OrderTopology.SERVICE);
    }

    private static String header(TestRecord<byte[], byte[]> letter, String name) {
        return DeadLetters.header(letter.headers(), name);
    }

    private static List<String> encoded(List<TestRecord<String, OrderEvent>> records) {
        return records.stream().map(record -> JsonCodec.ORDER_EVENTS.encodeToString(record.value())).toList();
    }

    private static TopologyDescription.Subtopology subtopologyWith(TopologyDescription description, String node) {
        return description.subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(each -> each.name().equals(node)))
                .findFirst().orElseThrow(() -> new AssertionError("no sub-topology holds " + node));
    }

    private static Set<String> sourceTopics(TopologyDescription.Subtopology subtopology) {
        return subtopology.nodes().stream()
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
    }

    private static Set<String> sinkTopics(TopologyDescription.Subtopology subtopology) {
        return subtopology.nodes().stream()
                .filter(TopologyDescription.Sink.class::isInstance)
                .map(node -> ((TopologyDescription.Sink) node).topic())
                .collect(Collectors.toSet());
    }

    /** Remembers what the topology told its observer. */
    private static final class RecordingObserver implements DecisionObserver<OrderEvent> {
        final List<OrderEvent> decided = new ArrayList<>();
        final List<String> duplicates = new ArrayList<>();

        @Override
        public void decided(OrderEvent event) {
            decided.add(event);
        }

        @Override
        public void duplicate(String orderId, String causeId) {
            duplicates.add(OutcomeMemory.key(orderId, causeId));
        }
    }
}
