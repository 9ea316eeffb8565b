package io.shopstreams.service.stream;

import io.shopstreams.events.ErrorCode;

import java.util.Objects;

/**
 * The outcome of decoding one input record: a valid message, or the reason it is a dead letter together with
 * the original bytes. Exactly one of {@link #value()} and {@link #error()} is non-null.
 */
public record Decoded<V>(V value, Error error) {

    /** Why a record cannot be processed, with everything a dead letter needs. */
    public record Error(ErrorCode code, String message, byte[] rawKey, byte[] rawValue, DeadLetters.Source source) {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(source, "source");
        }
    }

    public static <V> Decoded<V> valid(V value) {
        return new Decoded<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <V> Decoded<V> invalid(Error error) {
        return new Decoded<>(null, Objects.requireNonNull(error, "error"));
    }

    public boolean isValid() {
        return value != null;
    }
}
