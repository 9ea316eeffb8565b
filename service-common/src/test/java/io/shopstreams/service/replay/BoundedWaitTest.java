package io.shopstreams.service.replay;

import io.shopstreams.service.replay.StateRebuilder.RebuildException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BoundedWaitTest {
    private static final Duration POLL = Duration.ofMillis(10);

    @Test
    void returns_as_soon_as_the_condition_holds() throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();

        BoundedWait.until("the third check", Duration.ofSeconds(10), POLL, () -> checks.incrementAndGet() == 3);

        assertThat(checks).hasValue(3);
    }

    @Test
    void checks_at_least_once_even_without_time() throws InterruptedException {
        assertThat(BoundedWait.within(Duration.ZERO, POLL, () -> true)).isTrue();
    }

    @Test
    void names_what_it_waited_for_and_how_long_when_it_does_not_hold() {
        AtomicInteger checks = new AtomicInteger();
        long started = System.nanoTime();

        assertThatThrownBy(() -> BoundedWait.until("the deletion of the changelog topics", Duration.ofSeconds(1),
                Duration.ofMillis(100), () -> checks.incrementAndGet() < 0))
                .isInstanceOf(RebuildException.class)
                .hasMessage("gave up waiting for the deletion of the changelog topics after 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        assertThat(checks.get()).as("one check per poll, one after the limit").isBetween(10, 12);
    }

    @Test
    void reports_false_to_a_caller_that_words_its_own_message() throws InterruptedException {
        assertThat(BoundedWait.within(Duration.ofMillis(50), POLL, () -> false)).isFalse();
    }
}
