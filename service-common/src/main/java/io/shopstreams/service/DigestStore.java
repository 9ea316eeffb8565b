package io.shopstreams.service;

/** A state store that {@code /admin/digest} fingerprints. */
public record DigestStore(String name, Kind kind) {
    public enum Kind { KEY_VALUE, WINDOW }

    public static DigestStore keyValue(String name) {
        return new DigestStore(name, Kind.KEY_VALUE);
    }

    public static DigestStore window(String name) {
        return new DigestStore(name, Kind.WINDOW);
    }
}
