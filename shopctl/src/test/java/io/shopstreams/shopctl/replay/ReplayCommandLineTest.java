package io.shopstreams.shopctl.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;

import io.shopstreams.shopctl.Cli;
import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.cli.InstantConverter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** Parsing and validation of replay, audit and dlq, without Kafka: usage errors are one line, exit 2. */
class ReplayCommandLineTest {

    private static void assertUsageError(Cli.Result result, String... fragments) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).hasSize(1);
        assertThat(result.errLines().get(0)).contains(fragments);
        assertThat(result.out()).isEmpty();
    }

    @Nested
    class PointsInTime {
        private final InstantConverter converter = new InstantConverter();

        @Test
        void anIsoInstantAnOffsetDateTimeOrEpochMillisAreAccepted() {
            Instant noon = Instant.parse("2026-11-26T12:00:00Z");
            assertThat(converter.convert("2026-11-26T12:00:00Z")).isEqualTo(noon);
            assertThat(converter.convert("2026-11-26T13:00:00+01:00")).isEqualTo(noon);
            assertThat(converter.convert("1795694400000")).isEqualTo(noon);
        }

        @Test
        void anythingElseIsRefusedWithTheAcceptedForms() {
            assertThatThrownBy(() -> converter.convert("yesterday")).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("2026-11-26T12:00:00Z or epoch milliseconds");
            assertThatThrownBy(() -> converter.convert("2026-11-26")).isInstanceOf(TypeConversionException.class);
        }
    }

    @Nested
    class Replay {

        @Test
        void isListedInTheHelpWithAuditAndDlq() {
            assertThat(Cli.run("--help").out()).contains("replay", "audit", "dlq");
            assertThat(Cli.run("replay", "--help").out()).contains("--until", "--output", "--group-wait-seconds",
                    "--application-id", "Exit codes");
        }

        @Test
        void anUnknownServiceIsAUsageError() {
            assertUsageError(Cli.run("replay", "basket"), "shopctl replay:", "unknown service 'basket'", "cart, order");
        }

        @Test
        void untilNeedsAnOutput() {
            assertUsageError(Cli.run("replay", "cart", "--until", "2026-11-26T12:00:00Z"), "--until needs --output");
        }

        @Test
        void anOutputNeedsUntil() {
            assertUsageError(Cli.run("replay", "cart", "--output", "x.jsonl"), "--output goes with --until");
        }

        @Test
        void aBadTimestampIsAUsageError() {
            assertUsageError(Cli.run("replay", "order", "--until", "noon", "--output", "-"), "'noon' is not a point in time");
        }

        @Test
        void anOutputThatCannotBeWrittenIsAUsageErrorBeforeKafkaIsAsked(@TempDir Path dir) {
            String output = dir.resolve("missing").resolve("carts.jsonl").toString();

            assertUsageError(Cli.run("replay", "cart", "--until", "1", "--output", output, "--bootstrap-servers",
                    "127.0.0.1:1"), "cannot write --output " + output);
        }

        @Test
        void theGroupWaitIsForAFullRebuildOnly() {
            assertUsageError(Cli.run("replay", "cart", "--until", "1", "--output", "-", "--group-wait-seconds", "5"),
                    "--group-wait-seconds applies to a full rebuild");
            assertUsageError(Cli.run("replay", "cart", "--group-wait-seconds", "-1"), "must not be negative");
        }
    }

    @Nested
    class Dlq {

        @Test
        void replayNeedsACodeOrAnOffset() {
            assertUsageError(Cli.run("dlq", "replay"), "shopctl dlq replay:", "--code", "--offset");
        }

        @Test
        void aCodeAndAnOffsetExcludeEachOther() {
            assertUsageError(Cli.run("dlq", "replay", "--code", "NOT_JSON", "--offset", "3"), "mutually exclusive");
        }

        @Test
        void aPartitionGoesWithAnOffset() {
            assertUsageError(Cli.run("dlq", "replay", "--code", "NOT_JSON", "--partition", "1"),
                    "--partition goes with --offset");
        }

        @Test
        void anUnknownCodeIsAUsageErrorListingTheCodes() {
            assertUsageError(Cli.run("dlq", "list", "--code", "BROKEN"), "--code", "NOT_JSON", "KEY_MISMATCH");
        }

        @Test
        void maxMustBePositive() {
            assertUsageError(Cli.run("dlq", "list", "--max", "0"), "--max must be positive");
        }
    }
}
