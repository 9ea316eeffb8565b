package io.shopstreams.service;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BoundedWaitTest {
    private static final Duration POLL = Duration.ofMillis(10);

    @Test
    void returns_as_soon_as_the_condition_holds() throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();

        assertThat(BoundedWait.within(Duration.ofSeconds(10), POLL, () -> checks.incrementAndGet() == 3)).isTrue();

        assertThat(checks).hasValue(3);
    }

    @Test
    void checks_at_least_once_even_without_time() throws InterruptedException {
        assertThat(BoundedWait.within(Duration.ZERO, POLL, () -> true)).isTrue();
    }

    @Test
    void gives_up_after_the_limit_with_one_check_per_poll_and_one_after_it() throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();
        long started = System.nanoTime();

        assertThat(BoundedWait.within(Duration.ofSeconds(1), Duration.ofMillis(100), () -> checks.incrementAndGet() < 0))
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        assertThat(checks.get()).isBetween(10, 12);
    }

    @Test
    void polls_for_a_value_until_it_is_there() {
        AtomicInteger looks = new AtomicInteger();

        assertThat(BoundedWait.poll("the third look", Duration.ofSeconds(10), POLL,
                () -> looks.incrementAndGet() == 3 ? Optional.of("found") : Optional.empty())).contains("found");
        assertThat(looks).hasValue(3);
        assertThat(BoundedWait.poll("nothing", Duration.ofMillis(50), POLL, Optional::empty)).isEmpty();
    }

    @Test
    void reports_false_to_a_caller_that_words_its_own_message() throws InterruptedException {
        assertThat(BoundedWait.within(Duration.ofMillis(50), POLL, () -> false)).isFalse();
    }
}
