package io.shopstreams.chaos;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultScheduleTest {
    private static final ChaosSettings SETTINGS = new ChaosSettings(0, Duration.ofSeconds(10), Duration.ZERO,
            Map.of(), Map.of(), true, 0);
    private static final ChaosSettings COMBINED = new ChaosSettings(0, Duration.ofSeconds(10), Duration.ZERO,
            Map.of(), Map.of(), false, 0);

    @Test
    void theCiRunSpacesItsFourFaultsAfterACalmStart() {
        ChaosOptions options = ChaosOptions.ci(Path.of("work"), SETTINGS);

        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(130));
        assertThat(Fault.schedule(options)).containsExactly(
                new Fault(Duration.ofSeconds(30), Fault.Kind.SERVICE_KILL, "cart-a"),
                new Fault(Duration.ofSeconds(55), Fault.Kind.BROKER_KILL, null),
                new Fault(Duration.ofSeconds(80), Fault.Kind.PARTITION, Fault.PARTITIONED),
                new Fault(Duration.ofSeconds(105), Fault.Kind.CONTROLLER_KILL, null));
    }

    @Test
    void withCombinedControllersTheBrokerKillIsAlsoTheControllersAndTheRunEndsSooner() {
        ChaosOptions options = ChaosOptions.ci(Path.of("work"), COMBINED);

        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(115));
        assertThat(Fault.schedule(options)).containsExactly(
                new Fault(Duration.ofSeconds(30), Fault.Kind.SERVICE_KILL, "cart-a"),
                new Fault(Duration.ofSeconds(55), Fault.Kind.BROKER_KILL, null),
                new Fault(Duration.ofSeconds(80), Fault.Kind.PARTITION, Fault.PARTITIONED));
    }

    @Test
    void theFullRunKillsEvery15sFromTheEndOfTheCalmAndSparesThePartitionedInstance() {
        List<Fault> faults = Fault.schedule(ChaosOptions.full(Duration.ofSeconds(150), 250, 1, Path.of("work"),
                SETTINGS));

        assertThat(faults).containsExactly(
                new Fault(Duration.ofSeconds(30), Fault.Kind.SERVICE_KILL, "cart-a"),
                new Fault(Duration.ofSeconds(45), Fault.Kind.SERVICE_KILL, "order-a"),
                new Fault(Duration.ofMillis(52_500), Fault.Kind.BROKER_KILL, null),
                new Fault(Duration.ofSeconds(60), Fault.Kind.SERVICE_KILL, "cart-b"),
                new Fault(Duration.ofSeconds(75), Fault.Kind.SERVICE_KILL, "order-b"),
                new Fault(Duration.ofSeconds(90), Fault.Kind.SERVICE_KILL, "cart-a"),
                new Fault(Duration.ofSeconds(90), Fault.Kind.PARTITION, Fault.PARTITIONED),
                new Fault(Duration.ofSeconds(105), Fault.Kind.SERVICE_KILL, "order-a"),
                // cart-b's turn falls within its partition (90-120 s): the next in the order goes instead.
                new Fault(Duration.ofSeconds(120), Fault.Kind.SERVICE_KILL, "order-b"),
                new Fault(Duration.ofSeconds(120), Fault.Kind.CONTROLLER_KILL, null));
    }

    @Test
    void settingsPairsAreNameEqualsValueSeparatedByCommas() {
        assertThat(ChaosSettings.pairs("KAFKA_COMMIT_INTERVAL_MS=500, X=a=b,,"))
                .containsExactly(Map.entry("KAFKA_COMMIT_INTERVAL_MS", "500"), Map.entry("X", "a=b"));
        assertThat(ChaosSettings.pairs("")).isEmpty();
        assertThatThrownBy(() -> ChaosSettings.pairs("A=1,B"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not NAME=value: \"B\"");
    }
}
