package io.shopstreams.service;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness from Kafka Streams' signals, driven through time by a fake clock. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StallDetectorTest {
    private static final TopicPartition INPUT = new TopicPartition("cart-commands", 0);

    private long now = 1_000_000;
    private final StallDetector detector = new StallDetector(Duration.ofSeconds(30), Duration.ofSeconds(120),
            Duration.ofSeconds(10), () -> now);

    @Test
    void an_instance_that_commits_while_input_waits_stays_ready() {
        for (long committed = 100; committed < 110; committed++) {
            assertThat(detector.check(running(thread("RUNNING", committed, committed + 50)))).isEqualTo(
                    StallDetector.Verdict.READY);
            now += 20_000;
        }
        assertThat(detector.stalls()).isZero();
    }

    @Test
    void an_idle_instance_stays_ready_however_long_nothing_is_committed() {
        detector.check(running(thread("RUNNING", 100, 100)));
        now += 600_000;

        assertThat(detector.check(running(thread("RUNNING", 100, 100))).ready()).isTrue();
    }

    @Test
    void a_commit_marker_after_the_last_record_is_no_waiting_input() {
        detector.check(running(thread("RUNNING", 100, 101)));
        now += 600_000;

        assertThat(detector.check(running(thread("RUNNING", 100, 101))).ready()).isTrue();
    }

    @Test
    void no_commit_for_the_stall_timeout_while_input_waits_is_a_stall() {
        detector.check(running(thread("RUNNING", 100, 150)));
        now += 29_999;
        assertThat(detector.check(running(thread("RUNNING", 100, 150))).ready()).isTrue();
        now += 1;

        StallDetector.Verdict verdict = detector.check(running(thread("RUNNING", 100, 150)));

        assertThat(verdict).isEqualTo(new StallDetector.Verdict(false, "no commit for 30 s while 49 records wait", false));
        assertThat(detector.stalls()).isEqualTo(1);
    }

    @Test
    void a_stall_counts_once_and_ends_with_the_next_commit() {
        detector.check(running(thread("RUNNING", 100, 150)));
        now += 40_000;
        detector.check(running(thread("RUNNING", 100, 150)));
        now += 1_000;
        detector.check(running(thread("RUNNING", 100, 150)));
        now += 1_000;

        assertThat(detector.check(running(thread("RUNNING", 101, 150))).ready()).isTrue();
        assertThat(detector.stalls()).isEqualTo(1);
    }

    @Test
    void a_stall_longer_than_the_exit_limit_is_fatal() {
        detector.check(running(thread("RUNNING", 100, 150)));
        now += 119_999;
        assertThat(detector.check(running(thread("RUNNING", 100, 150))).fatal()).isFalse();
        now += 1;

        assertThat(detector.check(running(thread("RUNNING", 100, 150))).fatal()).isTrue();
    }

    @Test
    void a_thread_being_replaced_makes_the_instance_not_ready_and_restarts_the_stall_clock() {
        detector.check(running(thread("RUNNING", 100, 150)));
        now += 25_000;
        assertThat(detector.check(running(thread("STARTING", -1, -1)))).isEqualTo(new StallDetector.Verdict(false,
                "stream thread shop-StreamThread-1 is STARTING", false));
        now += 25_000;

        assertThat(detector.check(running(thread("RUNNING", 100, 150))).ready()).isTrue();
    }

    @Test
    void a_rebalancing_client_is_not_ready_but_not_fatal_within_the_exit_limit() {
        now += 600_000;
        assertThat(detector.check(rebalancing(false)))
                .isEqualTo(new StallDetector.Verdict(false, "Kafka Streams is REBALANCING", false));
        now += 119_999;

        assertThat(detector.check(rebalancing(false)))
                .isEqualTo(new StallDetector.Verdict(false, "Kafka Streams is REBALANCING", false));
    }

    @Test
    void a_rebalance_that_outlasts_the_exit_limit_with_no_restore_is_fatal() {
        detector.check(rebalancing(false));
        now += 120_000;

        assertThat(detector.check(rebalancing(false)))
                .isEqualTo(new StallDetector.Verdict(false, "Kafka Streams is REBALANCING for 120 s", true));
    }

    @Test
    void a_client_in_error_is_fatal_at_once_unless_the_exit_is_off() {
        StallDetector.Signals error = new StallDetector.Signals(KafkaStreams.State.ERROR, List.of(), false, 0);

        assertThat(detector.check(error)).isEqualTo(
                new StallDetector.Verdict(false, "Kafka Streams is ERROR: only a restart brings it back", true));
        assertThat(new StallDetector(Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(10), () -> now)
                .check(error).fatal()).isFalse();
    }

    @Test
    void a_rebalance_with_a_restore_under_way_is_never_fatal_and_a_running_client_starts_the_clock_again() {
        detector.check(rebalancing(true));
        now += 600_000;
        assertThat(detector.check(rebalancing(true)).fatal()).isFalse();
        assertThat(detector.check(running(thread("RUNNING", 100, 100))).ready()).isTrue();
        detector.check(rebalancing(false));
        now += 119_999;

        assertThat(detector.check(rebalancing(false)).fatal()).isFalse();
    }

    private static StallDetector.Signals rebalancing(boolean restoring) {
        return new StallDetector.Signals(KafkaStreams.State.REBALANCING, List.of(thread("RUNNING", 100, 150)),
                restoring, 0);
    }

    @Test
    void a_restore_under_way_is_no_stall() {
        detector.check(running(thread("RUNNING", 100, 150)));
        now += 60_000;

        assertThat(detector.check(new StallDetector.Signals(KafkaStreams.State.RUNNING,
                List.of(thread("RUNNING", 100, 150)), true, 0)).ready()).isTrue();
    }

    @Test
    void a_group_coordinator_silent_for_longer_than_the_session_timeout_means_the_brokers_are_gone() {
        StallDetector.Verdict verdict = detector.check(new StallDetector.Signals(KafkaStreams.State.RUNNING,
                List.of(thread("RUNNING", 100, 100)), false, 15_000));

        assertThat(verdict).isEqualTo(new StallDetector.Verdict(false,
                "no heartbeat from the group coordinator for 15 s: the brokers are out of reach", false));
    }

    private static StallDetector.Signals running(ThreadMetadata thread) {
        return new StallDetector.Signals(KafkaStreams.State.RUNNING, List.of(thread), false, 3_000);
    }

    /** A thread with one active task on {@link #INPUT}; a negative offset is unknown. */
    private static ThreadMetadata thread(String state, long committed, long end) {
        TaskMetadata task = new TaskMetadata() {
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            public Set<TopicPartition> topicPartitions() {
                return Set.of(INPUT);
            }

            public Map<TopicPartition, Long> committedOffsets() {
                return committed < 0 ? Map.of() : Map.of(INPUT, committed);
            }

            public Map<TopicPartition, Long> endOffsets() {
                return end < 0 ? Map.of() : Map.of(INPUT, end);
            }

            public Optional<Long> timeCurrentIdlingStarted() {
                return Optional.empty();
            }
        };
        return new ThreadMetadata() {
            public String threadState() {
                return state;
            }

            public String threadName() {
                return "shop-StreamThread-1";
            }

            public Set<TaskMetadata> activeTasks() {
                return Set.of(task);
            }

            public Set<TaskMetadata> standbyTasks() {
                return Set.of();
            }

            public String consumerClientId() {
                return "shop-StreamThread-1-consumer";
            }

            public String restoreConsumerClientId() {
                return "shop-StreamThread-1-restore-consumer";
            }

            public Set<String> producerClientIds() {
                return Set.of();
            }

            public String adminClientId() {
                return "shop-admin";
            }
        };
    }
}
