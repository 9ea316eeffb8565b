package io.shopstreams.topics;

import java.util.Objects;

/**
 * One item of an {@link ApplyReport}: a change made (or, in a dry run, that would be made), drift left alone,
 * or a topic found up to date.
 *
 * @param topic the topic concerned
 * @param kind  what kind of item
 * @param text  one human-readable line, starting with {@code topic <name>:}
 */
public record ApplyAction(String topic, Kind kind, String text) {

    /** Item kinds; {@link #isChange()} tells the ones that modify the cluster. */
    public enum Kind {
        CREATE_TOPIC(true),
        SET_CONFIGS(true),
        INCREASE_PARTITIONS(true),
        /** A difference the applier does not fix (partitions, replication factor); needs a human. */
        DRIFT(false),
        UP_TO_DATE(false);

        private final boolean change;

        Kind(boolean change) {
            this.change = change;
        }

        public boolean isChange() {
            return change;
        }
    }

    public ApplyAction {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
