package io.shopstreams.service.http;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every caller gets a look begun after it asked; callers waiting for the same next look share it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FreshLooksTest {
    private final AtomicInteger looks = new AtomicInteger();
    private final CountDownLatch lookMayEnd = new CountDownLatch(1);
    private final CountDownLatch lookBegun = new CountDownLatch(1);

    @Test
    void a_caller_that_asks_while_a_look_is_under_way_gets_the_next_one() throws Exception {
        FreshLooks<Integer> fresh = new FreshLooks<>(this::blockingLook, "fresh-looks-test");
        CompletableFuture<Integer> first = fresh.next();
        assertThat(lookBegun.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Integer> second = fresh.next();
        CompletableFuture<Integer> third = fresh.next();
        lookMayEnd.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(third).isSameAs(second);
        assertThat(looks).hasValue(2);
    }

    @Test
    void a_failed_look_fails_its_callers_and_the_next_caller_gets_a_new_look() throws Exception {
        FreshLooks<Integer> fresh = new FreshLooks<>(() -> {
            if (looks.incrementAndGet() == 1) {
                throw new IllegalStateException("brokers gone");
            }
            return looks.get();
        }, "fresh-looks-test");

        assertThatThrownBy(() -> fresh.next().get(5, TimeUnit.SECONDS)).hasRootCauseMessage("brokers gone");
        assertThat(fresh.next().get(5, TimeUnit.SECONDS)).isEqualTo(2);
    }

    private Integer blockingLook() {
        int look = looks.incrementAndGet();
        lookBegun.countDown();
        try {
            lookMayEnd.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return look;
    }
}
