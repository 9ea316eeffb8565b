package io.shopstreams.chaos;

/** Milliseconds of the JVM's monotonic clock: every time the harness measures is a difference of two of these. */
final class Monotonic {
    private Monotonic() {
    }

    static long millis() {
        return System.nanoTime() / 1_000_000;
    }
}
