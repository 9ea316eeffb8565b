package io.shopstreams.service.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Long-poll waiters: completed by the stream thread's updates, bounded, timed out, never leaked. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VersionWaitersTest {
    private static final long LONG = 60_000;

    private final VersionWaiters waiters = new VersionWaiters(3);

    @AfterEach
    void close() {
        waiters.close();
    }

    @Test
    void completes_with_true_once_the_key_reaches_the_version() throws Exception {
        CompletableFuture<Boolean> reached = waiters.await("cart-1", 3, LONG);

        waiters.updated("cart-1", 2);
        waiters.updated("cart-2", 5);
        assertThat(reached).isNotDone();

        waiters.updated("cart-1", 3);
        assertThat(reached.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void completes_when_the_key_jumps_past_the_version() throws Exception {
        CompletableFuture<Boolean> low = waiters.await("cart-1", 2, LONG);
        CompletableFuture<Boolean> high = waiters.await("cart-1", 9, LONG);

        waiters.updated("cart-1", 5);

        assertThat(low.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(high).isNotDone();
        assertThat(waiters.waiting()).isEqualTo(1);
    }

    @Test
    void completes_with_false_after_the_timeout() throws Exception {
        CompletableFuture<Boolean> reached = waiters.await("cart-1", 3, 50);

        assertThat(reached.get(5, TimeUnit.SECONDS)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiters.waiting() == 0);
    }

    @Test
    void refuses_a_wait_beyond_the_bound_with_503_and_frees_the_slot_once_a_wait_ends() throws Exception {
        waiters.await("a", 1, LONG);
        waiters.await("b", 1, LONG);
        CompletableFuture<Boolean> third = waiters.await("c", 1, LONG);

        assertThatThrownBy(() -> waiters.await("d", 1, LONG))
                .isInstanceOfSatisfying(BadRequestException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.code()).isEqualTo("TOO_MANY_WAITERS");
                });
        assertThat(waiters.waiting()).isEqualTo(3);

        waiters.updated("c", 1);
        assertThat(third.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(waiters.await("d", 1, LONG)).isNotDone();
    }

    @Test
    void leaks_nothing_after_many_waits_ended_by_updates_and_timeouts() throws Exception {
        VersionWaiters many = new VersionWaiters(1000);
        try {
            List<CompletableFuture<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                // Even ones are reached by the updates below, odd ones time out.
                all.add(i % 2 == 0 ? many.await("cart-" + (i % 7), 1, LONG)
                        : many.await("cart-" + (i % 7), Long.MAX_VALUE, 50));
            }
            for (int key = 0; key < 7; key++) {
                many.updated("cart-" + key, 1);
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

            assertThat(all).filteredOn(CompletableFuture::join).hasSize(250);
            await().atMost(Duration.ofSeconds(5)).until(() -> many.waiting() == 0);
        } finally {
            many.close();
        }
    }

    @Test
    void updates_race_safely_with_waits_starting_and_ending_on_other_threads() throws Exception {
        VersionWaiters shared = new VersionWaiters(100_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean running = new AtomicBoolean(true);
        try {
            // The stream thread's side: update the one hot key as fast as it can, never reaching the version.
            Future<?> updates = pool.submit(() -> {
                while (running.get()) {
                    shared.updated("hot", 0);
                }
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < 3000; i++) {
                        shared.await("hot", 1, i % 3).join();
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
            running.set(false);
            updates.get(5, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(5)).until(() -> shared.waiting() == 0);
        } finally {
            running.set(false);
            pool.shutdownNow();
            shared.close();
        }
    }
}
