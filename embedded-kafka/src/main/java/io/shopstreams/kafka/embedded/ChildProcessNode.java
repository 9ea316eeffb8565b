package io.shopstreams.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node in its own JVM, launched with this JVM's java binary and class path, running {@link ChildBrokerMain}
 * ({@code kafka.Kafka server.properties} plus a parent watchdog). Its stdout and stderr go to
 * {@link NodeSpec#logFile()}, never to the parent's output.
 */
final class ChildProcessNode implements KafkaNode {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcessNode.class);
    private static final int LOG_TAIL_LINES = 30;

    private final NodeSpec spec;
    private final List<String> commandPrefix;
    private final List<String> jvmOptions;
    private Process process;

    ChildProcessNode(NodeSpec spec, List<String> commandPrefix, List<String> jvmOptions) {
        this.spec = spec;
        this.commandPrefix = List.copyOf(commandPrefix);
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    @Override
    public NodeSpec spec() {
        return spec;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("node " + spec.nodeId() + " is already running");
        }
        List<String> command = new ArrayList<>(commandPrefix);
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        // Under Surefire/Failsafe this may be a manifest-only jar; its Class-Path entries are followed as well.
        command.add(ClassPath.absolute());
        command.add(ChildBrokerMain.class.getName());
        command.add(spec.propertiesFile().toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        // stdin stays a pipe on purpose: ChildBrokerMain exits when it closes, i.e. when this JVM dies.
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new KafkaStartupException("cannot launch node " + spec.nodeId() + ": " + e.getMessage(), e);
        }
        LOG.debug("node {} started as pid {}, log {}", spec.nodeId(), process.pid(), spec.logFile());
    }

    @Override
    public synchronized void stop(Duration timeout) {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!waitFor(timeout)) {
            LOG.warn("node {} (pid {}) did not stop within {} ms; killing it",
                    spec.nodeId(), process.pid(), timeout.toMillis());
            kill();
            return;
        }
        process = null;
    }

    /** SIGTERM, without waiting. */
    @Override
    public synchronized void signalStop() {
        if (process != null) {
            process.destroy();
        }
    }

    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!waitFor(Duration.ofSeconds(10))) {
            throw new IllegalStateException("node " + spec.nodeId() + " (pid " + process.pid()
                    + ") did not die within 10 s of SIGKILL");
        }
        process = null;
    }

    @Override
    public synchronized java.util.Optional<ProcessHandle> process() {
        return process != null && process.isAlive() ? java.util.Optional.of(process.toHandle()) : java.util.Optional.empty();
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized String diagnostics() {
        String status = process == null ? "not started"
                : process.isAlive() ? "running as pid " + process.pid()
                : "exited with code " + process.exitValue();
        return "node " + spec.nodeId() + " " + status + "; last lines of " + spec.logFile() + ":\n" + logTail();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        Path file = spec.logFile();
        if (!Files.isRegularFile(file)) {
            return "(no log file)";
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read the log file: " + e.getMessage() + ")";
        }
    }
}
