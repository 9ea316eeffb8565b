package io.shopstreams.shopctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import picocli.CommandLine;

/** Runs shopctl commands in-process through the production command line, capturing stdout and stderr. */
public final class Cli {

    private Cli() {
    }

    /** What a finished command left behind. */
    public record Result(int exitCode, String out, String err) {
        public List<String> outLines() {
            return lines(out);
        }

        public List<String> errLines() {
            return lines(err);
        }

        private static List<String> lines(String text) {
            return Arrays.stream(text.split("\\R")).filter(line -> !line.isEmpty()).collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = commandLine(out, err).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** A command running on a thread of its own, e.g. {@code dev}; {@link #stop()} interrupts it. */
    public static final class Background {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);
        private final Thread thread;

        public Background(String... args) {
            CommandLine commandLine = commandLine(out, err);
            thread = new Thread(() -> exitCode.set(commandLine.execute(args)), "shopctl-" + args[0]);
            thread.start();
        }

        public String out() {
            return out.toString();
        }

        public String err() {
            return err.toString();
        }

        public boolean isAlive() {
            return thread.isAlive();
        }

        /** Interrupts the command as Ctrl-C would stop it, and waits for it to end; returns its exit code. */
        public int stop(long timeoutMillis) throws InterruptedException {
            thread.interrupt();
            thread.join(timeoutMillis);
            if (thread.isAlive()) {
                throw new AssertionError("the command did not stop within " + timeoutMillis + " ms; output:\n" + out());
            }
            return exitCode.get();
        }
    }

    private static CommandLine commandLine(StringWriter out, StringWriter err) {
        CommandLine commandLine = ShopCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }
}
