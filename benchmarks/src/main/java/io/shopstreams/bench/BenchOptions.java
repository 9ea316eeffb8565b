package io.shopstreams.bench;

import java.nio.file.Path;

/** What one benchmark run does; {@link #quick(Path)} is the smoke run CI makes. */
/**
 * @param latencySeconds how long each open-loop rate runs
 * @param scaleCarts     carts of the scale run (one instance holding them, a kill -9, the restart); 0: none
 */
record BenchOptions(int commands, int carts, long seed, Path workDir, boolean profile, int latencySeconds,
                    int scaleCarts) {
    static BenchOptions quick(Path workDir) {
        return new BenchOptions(20_000, 5_000, 1, workDir, false, 5, 0);
    }

    static BenchOptions full(Path workDir) {
        return new BenchOptions(500_000, 50_000, 1, workDir, false, 30, 1_000_000);
    }
}
