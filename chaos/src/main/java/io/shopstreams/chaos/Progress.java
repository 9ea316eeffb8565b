package io.shopstreams.chaos;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The progress lines of a run, every 10 s while the load runs. */
final class Progress {
    private static final long EVERY_MILLIS = 10_000;

    private Progress() {
    }

    /** Reports until the load's time has passed; returns then. */
    static void report(Consumer<String> progress, Duration duration, long loadStart, LoadDriver load, SentLog sent,
                       EventLog log) throws InterruptedException {
        long end = loadStart + duration.toMillis();
        while (Monotonic.millis() < end) {
            TimeUnit.MILLISECONDS.sleep(Math.min(EVERY_MILLIS, Math.max(1, end - Monotonic.millis())));
            long elapsed = (Monotonic.millis() - loadStart) / 1000;
            progress.accept(String.format("t=%3d s  sent %6d  decided cart %6d/%d order %5d/%d  dead letters %4d/%d",
                    elapsed, load.produced(), log.timeline().decided(Service.CART), sent.ackedCommands(Service.CART),
                    log.timeline().decided(Service.ORDER), sent.ackedCommands(Service.ORDER),
                    log.deadLetters().size(), sent.malformed().size()));
        }
    }
}
