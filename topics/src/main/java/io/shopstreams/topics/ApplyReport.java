package io.shopstreams.topics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link TopicApplier#apply} did (or, for a dry run, would do), in declaration order: changes, drift and
 * up-to-date topics.
 *
 * @param dryRun  true when nothing was changed
 * @param actions every item, one or more per declared topic
 */
public record ApplyReport(boolean dryRun, List<ApplyAction> actions) {

    public ApplyReport {
        actions = List.copyOf(actions);
    }

    /** One line per item, ready to print. */
    public List<String> lines() {
        return actions.stream().map(ApplyAction::text).collect(Collectors.toUnmodifiableList());
    }

    /** Items that change (or would change) the cluster. */
    public List<ApplyAction> changes() {
        return actions.stream().filter(action -> action.kind().isChange()).collect(Collectors.toUnmodifiableList());
    }

    /** Differences left alone, for a human to resolve. */
    public List<ApplyAction> drift() {
        return ofKind(ApplyAction.Kind.DRIFT);
    }

    public List<ApplyAction> ofKind(ApplyAction.Kind kind) {
        return actions.stream().filter(action -> action.kind() == kind).collect(Collectors.toUnmodifiableList());
    }

    public boolean hasChanges() {
        return !changes().isEmpty();
    }

    public boolean hasDrift() {
        return !drift().isEmpty();
    }

    /** {@code 2 change(s), 1 drift, 3 up to date}, prefixed with {@code dry run:} when nothing was changed. */
    public String summary() {
        return (dryRun ? "dry run: " : "") + changes().size() + " change(s), " + drift().size() + " drift, "
                + ofKind(ApplyAction.Kind.UP_TO_DATE).size() + " up to date";
    }

    /** True when every declared topic already matched: nothing changed and no drift. */
    public boolean isNoOp() {
        return !hasChanges() && !hasDrift();
    }
}
