package io.shopstreams.chaos;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos run of CI, small and short: one {@code kill -9} of a service instance, one of the broker leading the
 * most partitions, one network partition and one {@code kill -9} of the active controller (three dedicated
 * controllers; {@code -Dchaos.combinedControllers=true} runs the brokers as the controllers, whose loss is then
 * the broker kill), under 130 s of load. Exactly-once (nothing lost or doubled, every dead letter, the saga) is
 * always asserted, and so are loose bounds on recovery that catch a silent stall or a restart that waits out a
 * session. The recovery targets of issue 10 (restart and takeover within 10 s, no stall over 10 s, 99.9 %
 * availability, no transaction left open) are asserted only with {@code -Dchaos.strict=true}: on 2 cores a restart
 * takes 4-12 s, and the figures are logged either way.
 */
@Tag("chaos")
class ChaosIT {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosIT.class);
    private static final boolean STRICT = Boolean.getBoolean("chaos.strict");

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void nothingIsLostOrDoubledUnderKillsABrokerLossAndAPartition() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "chaos-" + System.currentTimeMillis())).toAbsolutePath();
        ChaosSettings settings = new ChaosSettings(Integer.getInteger("chaos.transactionVersion", 0),
                Duration.ofMillis(Long.getLong("chaos.sessionTimeoutMs", 10_000)),
                Duration.ofMillis(Long.getLong("chaos.brokerSessionTimeoutMs", 0)),
                ChaosSettings.pairs(System.getProperty("chaos.serviceEnv", "")),
                ChaosSettings.pairs(System.getProperty("chaos.brokerConfig", "")),
                !Boolean.getBoolean("chaos.combinedControllers"), Integer.getInteger("chaos.kafkaNice", 0));
        ChaosReport report = new ChaosRun(ChaosOptions.ci(dir, settings),
                line -> LOG.info("chaos: {}", line)).run();
        LOG.info("chaos figures:\n{}", report.toText());
        Files.writeString(dir.resolve("chaos-report.json"), report.toJson());

        assertThat(report.faults()).extracting(FaultResult::kind).containsExactlyInAnyOrderElementsOf(
                settings.dedicatedControllers() ? List.of("SERVICE_KILL", "BROKER_KILL", "PARTITION", "CONTROLLER_KILL")
                        : List.of("SERVICE_KILL", "BROKER_KILL", "PARTITION"));
        assertThat(report.log().commands()).as("commands acknowledged").isGreaterThan(2000);
        assertThat(report.log().lost()).as("lost commands: %s", report.log().samples()).isZero();
        assertThat(report.log().duplicated()).as("duplicated outcomes: %s", report.log().samples()).isZero();
        assertThat(report.log().deadLettersFound()).as("dead letters: %s", report.log().samples())
                .isEqualTo(report.log().deadLettersExpected()).isPositive();
        assertThat(report.log().deadLetterHeaderMismatches()).isZero();
        assertThat(report.log().duplicateEventIds()).isZero();
        assertThat(report.log().versionViolations()).as("versions: %s", report.log().samples()).isZero();
        assertThat(report.log().checkouts()).isPositive();
        assertThat(report.log().orderRejections()).isPositive();
        assertThat(report.log().sagaViolations()).as("saga: %s", report.log().samples()).isZero();
        assertThat(report.digestsEqual()).as("both instances see the same stores")
                .containsExactlyInAnyOrderEntriesOf(Map.of("cart", true, "order", true));
        assertThat(report.probe().probes()).isPositive();
        assertThat(report.probe().wrong()).as("wrong answers: %s", report.probe().samples()).isZero();
        // Far from today's figures, yet each catches what issue 10 found from outside: a stall of 100 s with /ready
        // 200, restarts ready after 46-81 s, partitions taken over after 45 s and more, 2-44 % of GETs unanswered.
        assertThat(report.longestStallMillis().values()).as("longest stall").allMatch(stall -> stall <= 20_000L);
        assertThat(report.restartToReadyMaxMillis()).as("restart-to-ready").isBetween(0L, 30_000L);
        assertThat(report.takeoverMaxMillis()).as("takeover").isBetween(0L, 60_000L);
        assertThat(report.probe().availabilityPercent()).as("answered within 1 s").isGreaterThanOrEqualTo(99.0);
        if (STRICT) {
            assertThat(report.hangingTransactions()).as("transactions left open").isEmpty();
            assertThat(report.probe().availabilityPercent()).isGreaterThanOrEqualTo(99.9);
            assertThat(report.restartToReadyMaxMillis()).isBetween(0L, 10_000L);
            assertThat(report.takeoverMaxMillis()).isBetween(0L, 10_000L);
            assertThat(report.longestStallMillis().values()).allMatch(stall -> stall <= 10_000L);
        }
    }
}
