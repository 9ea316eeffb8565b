package io.shopstreams.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started on this one's class path, so that what is measured (a service, a baseline) runs in its own
 * process as a user runs it, with its own CPU time and memory. Started through {@code OrphanGuard}, so that it
 * stops when the benchmark's JVM dies.
 */
final class ChildJvm implements AutoCloseable {
    /** The same for every measured process: a fixed heap, the JVM's default collector. */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g");

    private final String name;
    private final Process process;
    private long peakRss = -1;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** @param extraJvmOptions e.g. a flight recording of this process */
    static ChildJvm start(String name, String mainClass, List<String> args, Map<String, String> environment,
                          Path logFile, List<String> extraJvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(io.shopstreams.kafka.embedded.ClassPath.absolute());
        command.add("io.shopstreams.chaos.OrphanGuard");
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            return new ChildJvm(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** CPU time (user and system) the process used so far. */
    static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** The process's peak resident set (Linux {@code VmHWM}); -1 where /proc does not tell. */
    static long peakRssBytes(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Waits for the process to end by itself, reading its peak RSS on the way (once it ended, /proc no longer
     * tells): its exit code, or -1 when it was still running at the timeout.
     */
    int waitFor(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            peakRss = Math.max(peakRss, peakRssBytes(process.toHandle()));
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        }
        return -1;
    }

    /** The highest peak RSS {@link #waitFor} saw; -1 when it saw none. */
    long peakRssSeen() {
        return peakRss;
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
