package io.shopstreams.shopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The progress bar: in place on a terminal, a line now and then elsewhere; with rate and ETA. */
class ProgressDisplayTest {
    private final StringWriter text = new StringWriter();
    private long nanos;

    private ProgressDisplay display(boolean terminal) {
        return new ProgressDisplay(new PrintWriter(text), terminal, () -> nanos, "events");
    }

    private void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    @Test
    void aLineShowsPercentCountsRateAndEta() {
        String line = display(true).line(2_500, 10_000, Duration.ofSeconds(2));

        assertThat(line).isEqualTo("[#####...............]  25% 2,500 of ~10,000 events, 1,250/s, ETA 0:06");
    }

    @Test
    void theTotalIsNeverBelowWhatWasRead() {
        assertThat(display(true).line(12, 10, Duration.ofSeconds(1)))
                .startsWith("[####################] 100% 12 of ~12 events").endsWith("ETA 0:00");
        assertThat(display(true).line(0, 0, Duration.ZERO)).contains("100% 0 of ~0 events, 0/s, ETA 0:00");
        assertThat(display(true).line(0, 50, Duration.ZERO)).endsWith("ETA ?");
    }

    @Test
    void aClockHasMinutesAndSecondsThenHours() {
        assertThat(ProgressDisplay.clock(6)).isEqualTo("0:06");
        assertThat(ProgressDisplay.clock(754)).isEqualTo("12:34");
        assertThat(ProgressDisplay.clock(3_723)).isEqualTo("1:02:03");
    }

    @Test
    void onATerminalItRedrawsInPlaceAtMostFourTimesASecond() {
        ProgressDisplay progress = display(true);

        progress.update(0, 100);
        advance(Duration.ofMillis(100));
        progress.update(10, 100);
        advance(Duration.ofMillis(200));
        progress.update(30, 100);
        progress.step("writing");

        assertThat(text.toString().split("\r", -1)).hasSize(4);
        assertThat(text.toString()).startsWith("\r[").contains("  0% 0 of ~100", " 30% 30 of ~100",
                        "100% 30 of ~30")
                .doesNotContain(" 10% 10 of").endsWith("\nwriting" + System.lineSeparator());
    }

    @Test
    void elsewhereItPrintsALineEveryFewSecondsAndNothingForAShortRead() {
        ProgressDisplay progress = display(false);
        progress.update(0, 100);
        advance(Duration.ofSeconds(1));
        progress.update(50, 100);
        progress.step("done reading");
        assertThat(text.toString()).isEqualTo("done reading" + System.lineSeparator());

        progress.update(0, 100);
        advance(ProgressDisplay.LOG_INTERVAL);
        progress.update(40, 100);
        advance(Duration.ofSeconds(1));
        progress.update(60, 100);
        progress.complete();

        assertThat(text.toString()).doesNotContain("\r");
        assertThat(text.toString().lines().skip(1)).satisfiesExactly(
                line -> assertThat(line).contains(" 40% 40 of ~100 events, 8/s"),
                line -> assertThat(line).contains("100% 60 of ~60 events, 10/s, ETA 0:00"));
    }

    @Test
    void afterAFailureTheBarEndsAsItStands() {
        ProgressDisplay progress = display(true);
        progress.update(10, 100);

        progress.finish();

        assertThat(text.toString()).contains(" 10% 10 of ~100").doesNotContain("100%")
                .endsWith(System.lineSeparator());
    }
}
