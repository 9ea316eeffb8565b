package io.shopstreams.shopctl.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

import io.shopstreams.service.replay.StateRebuilder;

/**
 * The progress of a long read on stderr, with records/s and an ETA. On a terminal the bar is redrawn in place
 * (carriage return) at most {@link #TERMINAL_INTERVAL} apart; elsewhere (a log file, CI) it is one line every
 * {@link #LOG_INTERVAL}, so a short read prints nothing but its steps. Steps end the bar and print on a line of
 * their own. The total is an offset span (transaction markers take offsets too), hence shown as approximate
 * until {@link #complete()}.
 */
public final class ProgressDisplay implements StateRebuilder.Listener {
    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(250);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(5);
    private static final int BAR_WIDTH = 20;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final String unit;
    private long started = -1;
    private long lastDrawn;
    private long read;
    private long total;
    private boolean shown;
    private int drawnWidth;

    ProgressDisplay(PrintWriter err, boolean terminal, LongSupplier nanoClock, String unit) {
        this.err = err;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.unit = unit;
    }

    /** On the real stderr: in place when it is a terminal. */
    public static ProgressDisplay on(PrintWriter err, String unit) {
        return new ProgressDisplay(err, System.console() != null, System::nanoTime, unit);
    }

    /** A step follows a finished read: the bar (if shown) ends complete, and the step gets a line of its own. */
    @Override
    public void step(String message) {
        complete();
        err.println(message);
        err.flush();
    }

    @Override
    public void update(long read, long total) {
        long now = nanoClock.getAsLong();
        if (started < 0) {
            started = now;
            lastDrawn = now;
        }
        this.read = read;
        this.total = total;
        Duration interval = terminal ? TERMINAL_INTERVAL : LOG_INTERVAL;
        boolean due = now - lastDrawn >= interval.toNanos();
        if ((terminal && !shown) || due) {
            draw(now);
        }
    }

    /**
     * The read is done: when the bar was shown, it shows everything read as the total (the offset span also
     * counted transaction markers) and ends its line.
     */
    public void complete() {
        if (shown) {
            total = read;
            draw(nanoClock.getAsLong());
        }
        finish();
    }

    /** Ends the bar's line as it stands (e.g. after a failure), so that what follows starts on a line of its own. */
    public void finish() {
        if (shown && terminal) {
            err.println();
            err.flush();
        }
        shown = false;
        started = -1;
        drawnWidth = 0;
    }

    private void draw(long now) {
        String line = line(read, total, Duration.ofNanos(now - started));
        if (terminal) {
            // Pad over what a longer previous line left on screen.
            err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
        lastDrawn = now;
        shown = true;
    }

    /** {@code [#####...............]  25% 2,500 of ~10,000 events, 1,250/s, ETA 0:06}. Pure. */
    String line(long read, long total, Duration elapsed) {
        long shownTotal = Math.max(total, read);
        int percent = shownTotal == 0 ? 100 : (int) (read * 100 / shownTotal);
        int filled = percent * BAR_WIDTH / 100;
        double seconds = elapsed.toNanos() / 1e9;
        long rate = seconds <= 0 ? 0 : Math.round(read / seconds);
        String eta = read >= shownTotal ? "0:00" : rate == 0 ? "?" : clock((shownTotal - read) / rate);
        return String.format(Locale.ROOT, "[%s%s] %3d%% %,d of ~%,d %s, %,d/s, ETA %s", "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), percent, read, shownTotal, unit, rate, eta);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, rest) : String.format("%d:%02d", minutes, rest);
    }
}
