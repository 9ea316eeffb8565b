package io.shopstreams.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides what {@link TopicApplier#apply} does for each comparison. Pure: no cluster access, so every rule
 * (never delete, never lower partitions, raise them only when allowed) is unit-testable.
 */
final class ApplyPlanner {

    /** What to do to the cluster for one item; {@link None} for report-only items. */
    sealed interface Step permits Create, SetConfigs, IncreasePartitions, None {
    }

    record Create(TopicDeclaration declaration) implements Step {
    }

    record SetConfigs(String topic, Map<String, String> values) implements Step {
    }

    record IncreasePartitions(String topic, int to) implements Step {
    }

    record None() implements Step {
    }

    /** A report item and the step that makes it true. */
    record PlannedStep(ApplyAction action, Step step) {
    }

    private ApplyPlanner() {
    }

    static List<PlannedStep> plan(List<TopicComparison> comparisons, ApplyOptions options) {
        List<PlannedStep> steps = new ArrayList<>();
        for (TopicComparison comparison : comparisons) {
            steps.addAll(plan(comparison, options));
        }
        return steps;
    }

    static List<PlannedStep> plan(TopicComparison comparison, ApplyOptions options) {
        TopicDeclaration declared = comparison.declared();
        if (!comparison.exists()) {
            return List.of(new PlannedStep(action(declared, ApplyAction.Kind.CREATE_TOPIC,
                    (options.dryRun() ? "would be created" : "created") + " with " + declared.shape()),
                    new Create(declared)));
        }
        List<PlannedStep> steps = new ArrayList<>();
        if (!comparison.configDifferences().isEmpty()) {
            steps.add(setConfigs(comparison, options));
        }
        if (comparison.partitionsDiffer()) {
            steps.add(partitions(comparison, options));
        }
        if (comparison.replicationFactorDiffers()) {
            steps.add(drift(declared, "has replication factor " + comparison.actual().replicationFactor()
                    + ", declared " + declared.replicationFactor()
                    + "; not changed (reassign partitions to change it)"));
        }
        if (steps.isEmpty()) {
            steps.add(new PlannedStep(action(declared, ApplyAction.Kind.UP_TO_DATE, "up to date"), new None()));
        }
        return steps;
    }

    private static PlannedStep setConfigs(TopicComparison comparison, ApplyOptions options) {
        String changes = comparison.configDifferences().stream().map(ConfigDifference::text)
                .collect(Collectors.joining(", "));
        Map<String, String> values = comparison.configDifferences().stream()
                .collect(Collectors.toMap(ConfigDifference::key, ConfigDifference::declared));
        return new PlannedStep(action(comparison.declared(), ApplyAction.Kind.SET_CONFIGS,
                (options.dryRun() ? "would set " : "set ") + changes), new SetConfigs(comparison.topic(), values));
    }

    /** Only an increase that is allowed changes anything: fewer partitions would mean deleting data. */
    private static PlannedStep partitions(TopicComparison comparison, ApplyOptions options) {
        TopicDeclaration declared = comparison.declared();
        int actual = comparison.actual().partitions();
        String has = "has " + actual + " partitions, declared " + declared.partitions();
        if (actual > declared.partitions()) {
            return drift(declared, has + "; partitions are never removed");
        }
        if (!options.allowPartitionIncrease()) {
            return drift(declared, has + "; not increased, as new partitions move keys to other partitions"
                    + " (allow partition increase to do it)");
        }
        return new PlannedStep(action(declared, ApplyAction.Kind.INCREASE_PARTITIONS,
                (options.dryRun() ? "would increase" : "increased") + " partitions from " + actual
                        + " to " + declared.partitions()),
                new IncreasePartitions(declared.name(), declared.partitions()));
    }

    private static PlannedStep drift(TopicDeclaration declared, String text) {
        return new PlannedStep(action(declared, ApplyAction.Kind.DRIFT, "drift: " + text), new None());
    }

    /** Every line starts with the topic, so a report reads well however it is filtered. */
    private static ApplyAction action(TopicDeclaration declared, ApplyAction.Kind kind, String text) {
        return new ApplyAction(declared.name(), kind, "topic " + declared.name() + ": " + text);
    }

}
