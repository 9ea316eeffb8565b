package io.shopstreams.shopctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import picocli.CommandLine;

/** Runs shopctl commands in-process through the production command line, capturing stdout and stderr. */
final class Cli {

    private Cli() {
    }

    /** What a finished command left behind. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return lines(out);
        }

        List<String> errLines() {
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

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = commandLine(out, err).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** A command running on a thread of its own, e.g. {@code dev}; {@link #stop()} interrupts it. */
    static final class Background {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);
        private final Thread thread;

        Background(String... args) {
            CommandLine commandLine = commandLine(out, err);
            thread = new Thread(() -> exitCode.set(commandLine.execute(args)), "shopctl-" + args[0]);
            thread.start();
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }

        boolean isAlive() {
            return thread.isAlive();
        }

        /** Interrupts the command as Ctrl-C would stop it, and waits for it to end; returns its exit code. */
        int stop(long timeoutMillis) throws InterruptedException {
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
