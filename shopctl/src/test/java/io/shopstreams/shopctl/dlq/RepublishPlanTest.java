package io.shopstreams.shopctl.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.shopstreams.events.Topics;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Where a dead letter may go back to, and which of the chosen ones a re-publication publishes, skips or refuses. */
class RepublishPlanTest {

    private static DeadLetter letter(int partition, long offset, String sourceTopic, String key, String value) {
        return new DeadLetter(partition, offset, 1_000L, bytes(key), bytes(value), sourceTopic, "2", "7",
                "KEY_MISMATCH", "cart-stream", "the body's cartId differs", null);
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Routes {

        @Test
        void aCommandTopicIsItsOwnRoute() {
            assertThat(DeadLetterRoute.of(Topics.CART_COMMANDS.name()).topic()).isEqualTo(Topics.CART_COMMANDS.name());
            assertThat(DeadLetterRoute.of(Topics.ORDER_COMMANDS.name()).topic()).isEqualTo(Topics.ORDER_COMMANDS.name());
        }

        @Test
        void aCommandRepartitionTopicGoesBackToThePublicTopicWhateverTheApplicationId() {
            assertThat(DeadLetterRoute.of("cart-stream-cart-commands-by-cart-repartition").topic())
                    .isEqualTo(Topics.CART_COMMANDS.name());
            assertThat(DeadLetterRoute.of("shop-eu-1-order-commands-by-order-repartition").topic())
                    .isEqualTo(Topics.ORDER_COMMANDS.name());
        }

        @Test
        void eventsAreRefusedFromTheirTopicOrTheirRepartitionTopic() {
            for (String source : List.of(Topics.CART_EVENTS.name(), "order-stream-checkouts-by-order-repartition")) {
                DeadLetterRoute route = DeadLetterRoute.of(source);
                assertThat(route.allowed()).isFalse();
                assertThat(route.refusal()).contains("an event of cart-events", "duplicate");
            }
            assertThat(DeadLetterRoute.of("cart-stream-order-events-by-cart-repartition").refusal())
                    .contains("an event of order-events");
            assertThat(DeadLetterRoute.of("order-stream-order-entries-by-customer-repartition").allowed()).isFalse();
        }

        @Test
        void productsAndUnknownOrMissingSourcesAreRefused() {
            assertThat(DeadLetterRoute.of(Topics.PRODUCTS.name()).refusal()).contains("shopctl products load");
            assertThat(DeadLetterRoute.of("cart-stream-carts-changelog").refusal())
                    .startsWith("unknown source topic cart-stream-carts-changelog");
            assertThat(DeadLetterRoute.of("cart-stream-something-repartition").allowed()).isFalse();
            assertThat(DeadLetterRoute.of(null).refusal()).contains("no source topic");
        }
    }

    @Nested
    class Plan {

        @Test
        void aFreshDeadLetterIsPublishedToItsRoute() {
            DeadLetter letter = letter(0, 3, "cart-stream-cart-commands-by-cart-repartition", "cart-1", "{}");

            List<RepublishPlan.Step> steps = RepublishPlan.plan(List.of(letter), new RepublishPlan.History());

            assertThat(steps).singleElement().satisfies(step -> {
                assertThat(step.publish()).isTrue();
                assertThat(step.topic()).isEqualTo(Topics.CART_COMMANDS.name());
            });
        }

        @Test
        void aDeadLetterRepublishedBeforeIsSkipped() {
            DeadLetter letter = letter(0, 3, Topics.CART_COMMANDS.name(), "cart-1", "{}");
            RepublishPlan.History history = new RepublishPlan.History();
            history.add("0@3", "cart-commands-4@12", bytes("cart-1"), bytes("{}"));

            assertThat(RepublishPlan.plan(List.of(letter), history)).singleElement().satisfies(step -> {
                assertThat(step.publish()).isFalse();
                assertThat(step.refused()).isFalse();
                assertThat(step.reason()).isEqualTo("re-published before, as cart-commands-4@12");
            });
        }

        @Test
        void theDeadLetterOfARepublishedRecordThatFailedAgainIsSkipped() {
            DeadLetter again = letter(1, 0, Topics.CART_COMMANDS.name(), "cart-1", "{\"x\":1}");
            RepublishPlan.History history = new RepublishPlan.History();
            history.add("0@3", "cart-commands-4@12", bytes("cart-1"), bytes("{\"x\":1}"));

            assertThat(RepublishPlan.plan(List.of(again), history)).singleElement().satisfies(step -> {
                assertThat(step.publish()).isFalse();
                assertThat(step.reason()).contains("as cart-commands-4@12 (from dead-letters-0@3), and failed again");
            });
        }

        @Test
        void theSameKeyAndValueArePublishedOncePerRun() {
            List<DeadLetter> twins = List.of(letter(0, 1, Topics.CART_COMMANDS.name(), null, "not json"),
                    letter(2, 5, Topics.CART_COMMANDS.name(), null, "not json"),
                    letter(3, 5, Topics.CART_COMMANDS.name(), "", "not json"));

            List<RepublishPlan.Step> steps = RepublishPlan.plan(twins, new RepublishPlan.History());

            assertThat(steps).extracting(RepublishPlan.Step::publish).containsExactly(true, false, true);
        }

        @Test
        void aDeadLetterWithoutARouteIsRefused() {
            DeadLetter letter = letter(0, 3, Topics.PRODUCTS.name(), "sku-1", "{}");

            assertThat(RepublishPlan.plan(List.of(letter), new RepublishPlan.History())).singleElement()
                    .satisfies(step -> assertThat(step.refused()).isTrue());
        }
    }

    @Test
    void aListingLineShowsPositionsCodeServiceMessageAndAnEscapedPreview() {
        String value = "{\"type\":\"AddItem\",\n\"sku\":\"" + "x".repeat(100) + "\"}";
        DeadLetter letter = new DeadLetter(2, 14, 1_795_694_400_000L, bytes("cart-1"), bytes(value),
                Topics.CART_COMMANDS.name(), "3", "41", "NOT_JSON", "cart-stream", "the value is \"bad\"", null);

        assertThat(letter.line()).isEqualTo("dead-letters-2@14 2026-11-26T12:00:00Z NOT_JSON from cart-commands-3@41"
                + " by cart-stream key=cart-1 message=\"the value is \\\"bad\\\"\" value=\"{\\\"type\\\":\\\"AddItem\\\",\\n"
                + "\\\"sku\\\":\\\"" + "x".repeat(80 - 26) + "...\"");
    }

    @Test
    void aListingLineShowsMissingHeadersAndNullsPlainly() {
        DeadLetter letter = new DeadLetter(0, 1, 0L, null, null, null, null, null, null, null, null, null);

        assertThat(letter.line()).isEqualTo("dead-letters-0@1 1970-01-01T00:00:00Z - from (unknown source) by - key=(null)"
                + " message=\"\" value=(null)");
    }
}
