package io.shopstreams.service;

import io.shopstreams.service.stream.OutcomeMemory;

import java.util.function.UnaryOperator;

/**
 * A key-value state store that {@code /admin/digest} fingerprints.
 *
 * @param value what of a stored value goes into the fingerprint
 */
public record DigestStore(String name, UnaryOperator<Object> value) {

    public static DigestStore keyValue(String name) {
        return new DigestStore(name, UnaryOperator.identity());
    }

    /** An {@link OutcomeMemory}: its entries, decoded, so that the digest does not hang on their byte layout. */
    public static DigestStore outcomes(String name) {
        return new DigestStore(name, entry -> OutcomeMemory.decode((byte[]) entry));
    }
}
