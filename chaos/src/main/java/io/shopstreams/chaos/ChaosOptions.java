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
 * @param serviceKillEvery time between two {@code kill -9}s of a service instance; the first comes after it
 * @param serviceKills     at most this many service kills
 * @param restartDelay     how long a killed instance stays down before it is restarted on its state dir
 * @param brokerKillAt     when the active controller is killed, from the start of the load
 * @param brokerDown       how long it stays down
 * @param partitionAt      when the proxied cart instance is cut off the brokers
 * @param partitionFor     how long the partition lasts
 * @param workDir          broker data, state dirs and every process's log
 * @param transactionVersion the brokers' {@code transaction.version} (1, or 2: KIP-890's protocol, the default
 *                           of Kafka 4); 0 for the release's default
 * @param sessionTimeout   the services' {@code SESSION_TIMEOUT_MS}: how long a killed static member keeps its
 *                         partitions; a restart that rejoins within it gets them back without a rebalance
 * @param brokerSessionTimeout the brokers' {@code broker.session.timeout.ms}; zero for Kafka's default
 */
record ChaosOptions(Duration duration, int rate, long seed, int carts, Duration serviceKillEvery, int serviceKills,
                    Duration restartDelay, Duration brokerKillAt, Duration brokerDown, Duration partitionAt,
                    Duration partitionFor, Path workDir, int transactionVersion, Duration sessionTimeout,
                    Duration brokerSessionTimeout) {

    /** The full run of {@code shopctl chaos}: a kill every 15 s, the broker at 35 %, the partition at 60 %. */
    static ChaosOptions full(Duration duration, int rate, long seed, Path workDir, int transactionVersion,
                             Duration sessionTimeout, Duration brokerSessionTimeout) {
        return new ChaosOptions(duration, rate, seed, 5000, Duration.ofSeconds(15), Integer.MAX_VALUE,
                Duration.ofSeconds(3), percent(duration, 35), Duration.ofSeconds(20), percent(duration, 60),
                Duration.ofSeconds(30), workDir, transactionVersion, sessionTimeout, brokerSessionTimeout);
    }

    /** The CI run: one service kill, one broker kill, one short partition, in 75 s of load. */
    static ChaosOptions ci(Path workDir, int transactionVersion, Duration sessionTimeout,
                           Duration brokerSessionTimeout) {
        return new ChaosOptions(Duration.ofSeconds(75), 60, 42, 2000, Duration.ofSeconds(10), 1,
                Duration.ofSeconds(3), Duration.ofSeconds(25), Duration.ofSeconds(10), Duration.ofSeconds(45),
                Duration.ofSeconds(12), workDir, transactionVersion, sessionTimeout, brokerSessionTimeout);
    }

    private static Duration percent(Duration duration, int percent) {
        return Duration.ofMillis(duration.toMillis() * percent / 100);
    }
}
