package io.shopstreams.service.http;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A miss is a 404 only when the copy read is current and nothing was reassigned while it was read. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MissCheckTest {
    private static final HostInfo HERE = new HostInfo("127.0.0.1", 1);
    private static final HostInfo THERE = new HostInfo("127.0.0.1", 2);
    private static final int PARTITION = 3;

    private final FakeCopies copies = new FakeCopies();

    @Nested
    class Of_the_active_copy {
        @Test
        void is_trusted_while_streams_run_and_the_task_runs_here() {
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);

            assertThat(distrust(check)).isEmpty();
        }

        @Test
        void is_not_trusted_while_streams_rebalance() {
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);
            copies.state = KafkaStreams.State.REBALANCING;

            assertThat(distrust(check)).contains("the service is REBALANCING, its copy of this key may not be current");
        }

        /** A chaos run saw it: cut off from the brokers, an instance answered 404 for a cart created elsewhere. */
        @Test
        void is_not_trusted_while_the_instance_is_out_of_touch_with_its_group() {
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);
            copies.outOfTouch = Optional.of("no heartbeat answered for 6000 ms");

            assertThat(distrust(check)).contains("no heartbeat answered for 6000 ms");
        }

        @Test
        void is_not_trusted_when_a_thread_was_replaced_or_the_state_changed_during_the_read() {
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);
            copies.generation++;

            assertThat(distrust(check)).contains("the assignment changed during the read");
        }

        @Test
        void is_not_trusted_when_the_key_moved_to_another_owner_during_the_read() {
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);
            copies.metadata = new KeyQueryMetadata(THERE, Set.of(HERE), PARTITION);

            assertThat(distrust(check)).contains("the assignment changed during the read");
        }

        @Test
        void is_not_trusted_when_the_metadata_was_unknown_before_the_read() {
            copies.metadata = null;
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);
            copies.metadata = new KeyQueryMetadata(HERE, Set.of(), PARTITION);

            assertThat(distrust(check)).contains("the assignment changed during the read");
        }

        @Test
        void is_not_trusted_when_the_task_restores_though_thread_metadata_still_lists_it_as_running() {
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);
            copies.lag = OptionalLong.of(1_500);

            assertThat(distrust(check)).contains("the active copy of partition 3 here is restoring");
        }

        @Test
        void is_not_trusted_when_its_lag_cannot_be_looked_up() {
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);
            copies.lag = OptionalLong.empty();

            assertThat(distrust(check)).contains("the active copy of partition 3 here is restoring");
        }

        @Test
        void is_not_trusted_when_a_restore_began_or_ended_while_the_lag_was_looked_up() {
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);
            copies.restoreDuringLook = true;

            assertThat(distrust(check)).contains("the assignment changed during the read");
        }

        @Test
        void is_not_trusted_when_no_running_thread_holds_the_active_task_here() {
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, false, copies.metadata);
            copies.activeRunningHere = false;

            assertThat(distrust(check)).contains("the active task of partition 3 is not running here");
        }
    }

    @Nested
    class Of_a_standby_copy {
        @Test
        void is_trusted_when_it_is_caught_up_but_for_the_commit_marker() {
            copies.lag = OptionalLong.of(1);
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, true, copies.metadata);

            assertThat(distrust(check)).isEmpty();
        }

        @Test
        void is_not_trusted_when_it_lags_two_records() {
            copies.lag = OptionalLong.of(2);
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, true, copies.metadata);

            assertThat(distrust(check)).contains("the standby copy here is not known to be caught up");
        }

        @Test
        void is_not_trusted_while_its_lag_is_unknown_as_when_a_wiped_store_restores() {
            copies.lag = OptionalLong.empty();
            MissCheck check = MissCheck.begin(copies, "carts", "cart-1", PARTITION, true, copies.metadata);

            assertThat(distrust(check)).contains("the standby copy here is not known to be caught up");
        }
    }

    private static Optional<String> distrust(MissCheck check) {
        return check.distrust().toCompletableFuture().join();
    }

    /** Streams RUNNING, the key's active task running here, caught up; each test changes what it needs. */
    private static final class FakeCopies implements LocalCopies {
        KafkaStreams.State state = KafkaStreams.State.RUNNING;
        long generation = 7;
        KeyQueryMetadata metadata = new KeyQueryMetadata(HERE, Set.of(THERE), PARTITION);
        OptionalLong lag = OptionalLong.of(0);
        boolean activeRunningHere = true;

        @Override
        public KafkaStreams.State state() {
            return state;
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public KeyQueryMetadata metadata(String store, String key) {
            return metadata;
        }

        boolean restoreDuringLook;

        @Override
        public CompletionStage<OptionalLong> lag(String store, int partition) {
            if (restoreDuringLook) {
                generation++;
            }
            return CompletableFuture.completedFuture(lag);
        }

        @Override
        public boolean activeRunningHere(String store, int partition) {
            return activeRunningHere;
        }

        Optional<String> outOfTouch = Optional.empty();

        @Override
        public Optional<String> outOfTouch() {
            return outOfTouch;
        }
    }
}
