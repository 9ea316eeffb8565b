package io.shopstreams.bench;

import java.nio.file.Path;
import java.util.Map;

/** What one benchmark run does; {@link #quick(Path)} is the smoke run CI makes. */
/**
 * @param latencySeconds how long each open-loop rate runs
 * @param scaleCarts     carts of the scale run (one instance holding them, a kill -9, the restart); 0: none
 * @param serviceEnv     settings given to every service instance the run starts, over the run's own
 * @param brokerConfig   properties of the run's broker, over the embedded cluster's defaults
 */
record BenchOptions(int commands, int carts, long seed, Path workDir, boolean profile, int latencySeconds,
                    int scaleCarts, Map<String, String> serviceEnv, Map<String, String> brokerConfig) {
    static BenchOptions quick(Path workDir) {
        return new BenchOptions(20_000, 5_000, 1, workDir, false, 5, 0, Map.of(), Map.of());
    }

    static BenchOptions full(Path workDir) {
        return new BenchOptions(500_000, 50_000, 1, workDir, false, 30, 1_000_000, Map.of(), Map.of());
    }

    /** With {@code --profile}, the JVM option that records the whole process with JFR into {@code file}. */
    java.util.List<String> recording(Path file) {
        return profile ? java.util.List.of("-XX:StartFlightRecording=filename=" + file
                + ",settings=profile,dumponexit=true") : java.util.List.of();
    }

    /**
     * A service instance's environment: its broker, port and state dir (under the work dir), then {@code extra},
     * then {@link #serviceEnv()} over them.
     */
    Map<String, String> serviceEnvironment(String bootstrap, int port, String stateDir, Map<String, String> extra) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "HTTP_PORT", Integer.toString(port), "APPLICATION_SERVER", "127.0.0.1:" + port,
                "STATE_DIR", workDir.resolve(stateDir).toString()));
        environment.putAll(extra);
        environment.putAll(serviceEnv);
        return environment;
    }
}
