package io.shopstreams.topics;

import java.util.Objects;

/**
 * A topic config whose current value is not the declared one.
 *
 * @param key      config name
 * @param declared the declared value
 * @param actual   the current value, or null when the broker reports none
 */
public record ConfigDifference(String key, String declared, String actual) {

    public ConfigDifference {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(declared, "declared");
    }

    /** {@code retention.ms=-1 (was 604800000)}. */
    public String text() {
        return key + "=" + declared + " (was " + (actual == null ? "unset" : actual) + ")";
    }
}
