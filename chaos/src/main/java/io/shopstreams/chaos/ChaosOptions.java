package io.shopstreams.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One chaos run's configuration.
 *
 * @param duration         how long the load runs; faults are injected until 20 s before its end
 * @param rate             records per second (commands, re-sends and malformed records)
 * @param seed             seeds the plan and the probe: the same seed sends the same records
 * @param carts            carts the commands are spread over
 * @param firstKillAt      the first {@code kill -9} of a service instance, from the start of the load: the load
 *                         before it is calm, so that the services are warm and caught up when the faults begin
 * @param serviceKillEvery time between two {@code kill -9}s of a service instance
 * @param serviceKills     at most this many service kills
 * @param restartDelay     how long a killed instance stays down before it is restarted on its state dir
 * @param brokerKillAt     when a broker is killed, from the start of the load: the active controller when the
 *                         brokers are the controllers, else the one leading the most partitions
 * @param brokerDown       how long it stays down
 * @param controllerKillAt when the active controller is killed, with dedicated controllers only
 * @param controllerDown   how long it stays down
 * @param partitionAt      when the proxied cart instance is cut off the brokers
 * @param partitionFor     how long the partition lasts
 * @param workDir          broker data, state dirs and every process's log
 * @param settings         what the run changes in the brokers' and services' configuration
 */
record ChaosOptions(Duration duration, int rate, long seed, int carts, Duration firstKillAt,
                    Duration serviceKillEvery, int serviceKills, Duration restartDelay,
                    Duration brokerKillAt, Duration brokerDown, Duration controllerKillAt, Duration controllerDown,
                    Duration partitionAt, Duration partitionFor,
                    Path workDir, ChaosSettings settings) {
    /**
     * Fresh service JVMs fall 10 s and more behind a 60 records/s load for their first half minute on 2 cores
     * (the JIT): a kill then would time the backlog of a cold start, not the recovery.
     */
    static final Duration CALM = Duration.ofSeconds(30);

    /**
     * The full run of {@code shopctl chaos}: 30 s calm, then a kill every 15 s, the broker at 35 %, the partition at
     * 60 %, the controller at 80 %; the faults overlap.
     */
    static ChaosOptions full(Duration duration, int rate, long seed, Path workDir, ChaosSettings settings) {
        return new ChaosOptions(duration, rate, seed, 5000, CALM, Duration.ofSeconds(15), Integer.MAX_VALUE,
                Duration.ofSeconds(3), percent(duration, 35), Duration.ofSeconds(20), percent(duration, 80),
                Duration.ofSeconds(10), percent(duration, 60), Duration.ofSeconds(30), workDir, settings);
    }

    /**
     * The CI run: 30 s calm, then one service kill, one broker kill, one short partition and (with dedicated
     * controllers) one controller kill, 25 s apart so that each one's recovery is measured on its own (a restart is
     * otherwise timed through the broker loss that follows it), in 115 s of load (130 s with the controller); the
     * full run's kills every 15 s are the overlapping case.
     */
    static ChaosOptions ci(Path workDir, ChaosSettings settings) {
        Duration load = Duration.ofSeconds(settings.dedicatedControllers() ? 130 : 115);
        return new ChaosOptions(load, 60, 42, 2000, CALM, Duration.ofSeconds(25), 1,
                Duration.ofSeconds(3), Duration.ofSeconds(55), Duration.ofSeconds(10), Duration.ofSeconds(105),
                Duration.ofSeconds(10), Duration.ofSeconds(80), Duration.ofSeconds(12), workDir, settings);
    }

    private static Duration percent(Duration duration, int percent) {
        return Duration.ofMillis(duration.toMillis() * percent / 100);
    }
}
