package io.shopstreams.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApplyPlannerTest {

    private static final TopicDeclaration EVENTS = new TopicDeclaration("cart-events", 6, 1,
            Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
    private static final ApplyOptions APPLY = ApplyOptions.defaults();

    @Nested
    class AMissingTopic {

        @Test
        void isCreatedWithItsDeclaredShape() {
            List<ApplyPlanner.PlannedStep> steps = plan(EVENTS, null, APPLY);

            assertThat(steps).singleElement().satisfies(step -> {
                assertThat(step.step()).isEqualTo(new ApplyPlanner.Create(EVENTS));
                assertThat(step.action()).isEqualTo(new ApplyAction("cart-events", ApplyAction.Kind.CREATE_TOPIC,
                        "topic cart-events: created with 6 partitions, RF 1, cleanup.policy=delete, retention.ms=-1"));
            });
        }

        @Test
        void wouldBeCreatedInADryRun() {
            assertThat(texts(plan(EVENTS, null, APPLY.withDryRun(true)))).containsExactly(
                    "topic cart-events: would be created with 6 partitions, RF 1, cleanup.policy=delete, retention.ms=-1");
        }
    }

    @Nested
    class AnExistingTopic {

        @Test
        void thatMatchesIsUpToDateAndLeftAlone() {
            List<ApplyPlanner.PlannedStep> steps = plan(EVENTS, state(6, 1, "delete", "-1"), APPLY);

            assertThat(steps).singleElement().satisfies(step -> {
                assertThat(step.step()).isEqualTo(new ApplyPlanner.None());
                assertThat(step.action().kind()).isEqualTo(ApplyAction.Kind.UP_TO_DATE);
            });
        }

        @Test
        void getsOnlyItsDifferingConfigsSet() {
            List<ApplyPlanner.PlannedStep> steps = plan(EVENTS, state(6, 1, "delete", "604800000"), APPLY);

            assertThat(steps).singleElement().satisfies(step -> {
                assertThat(step.step()).isEqualTo(new ApplyPlanner.SetConfigs("cart-events", Map.of("retention.ms", "-1")));
                assertThat(step.action().text()).isEqualTo("topic cart-events: set retention.ms=-1 (was 604800000)");
            });
        }

        @Test
        void treatsACleanupPolicyListAsASet() {
            TopicDeclaration both = new TopicDeclaration("t", 1, 1, Map.of("cleanup.policy", "compact,delete"));
            TopicState actual = new TopicState("t", 1, 1, Map.of("cleanup.policy", "delete, compact"));

            assertThat(plan(both, actual, APPLY)).extracting(step -> step.action().kind())
                    .containsExactly(ApplyAction.Kind.UP_TO_DATE);
        }

        @Test
        void withFewerPartitionsIsDriftUnlessAnIncreaseIsAllowed() {
            TopicState three = state(3, 1, "delete", "-1");

            assertThat(plan(EVENTS, three, APPLY)).singleElement().satisfies(step -> {
                assertThat(step.step()).isEqualTo(new ApplyPlanner.None());
                assertThat(step.action().kind()).isEqualTo(ApplyAction.Kind.DRIFT);
                assertThat(step.action().text()).startsWith("topic cart-events: drift: has 3 partitions, declared 6;");
            });
            assertThat(plan(EVENTS, three, APPLY.withPartitionIncrease(true))).singleElement().satisfies(step -> {
                assertThat(step.step()).isEqualTo(new ApplyPlanner.IncreasePartitions("cart-events", 6));
                assertThat(step.action().text()).isEqualTo("topic cart-events: increased partitions from 3 to 6");
            });
        }

        @Test
        void withMorePartitionsIsDriftEvenWhenIncreasesAreAllowed() {
            assertThat(texts(plan(EVENTS, state(8, 1, "delete", "-1"), APPLY.withPartitionIncrease(true))))
                    .containsExactly("topic cart-events: drift: has 8 partitions, declared 6; partitions are never removed");
        }

        @Test
        void withAnotherReplicationFactorIsDrift() {
            assertThat(texts(plan(EVENTS, state(6, 2, "delete", "-1"), APPLY))).containsExactly(
                    "topic cart-events: drift: has replication factor 2, declared 1;"
                            + " not changed (reassign partitions to change it)");
        }

        @Test
        void reportsEveryDifferenceAtOnce() {
            List<ApplyPlanner.PlannedStep> steps = plan(EVENTS, state(8, 2, "compact", "-1"), APPLY);

            assertThat(steps).extracting(step -> step.action().kind()).containsExactly(
                    ApplyAction.Kind.SET_CONFIGS, ApplyAction.Kind.DRIFT, ApplyAction.Kind.DRIFT);
        }
    }

    @Test
    void aComparisonListsItsDifferencesForDescribe() {
        TopicComparison comparison = TopicComparison.of(EVENTS, state(8, 1, "delete", "1000"));

        assertThat(comparison.isUpToDate()).isFalse();
        assertThat(comparison.line()).isEqualTo("topic cart-events: 8 partitions, RF 1, cleanup.policy=delete,"
                + " retention.ms=1000 - differs: has 8 partitions, declared 6; retention.ms is 1000, declared -1");
        assertThat(TopicComparison.of(EVENTS, null).line())
                .isEqualTo("topic cart-events: missing (declared 6 partitions, RF 1)");
    }

    private static TopicState state(int partitions, int replicationFactor, String cleanupPolicy, String retentionMs) {
        return new TopicState("cart-events", partitions, replicationFactor,
                Map.of("cleanup.policy", cleanupPolicy, "retention.ms", retentionMs));
    }

    private static List<ApplyPlanner.PlannedStep> plan(TopicDeclaration declared, TopicState actual,
                                                       ApplyOptions options) {
        return ApplyPlanner.plan(TopicComparison.of(declared, actual), options);
    }

    private static List<String> texts(List<ApplyPlanner.PlannedStep> steps) {
        return steps.stream().map(step -> step.action().text()).collect(java.util.stream.Collectors.toList());
    }
}
