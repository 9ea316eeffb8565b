package io.shopstreams.chaos;

import io.shopstreams.service.BoundedWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a service in its own JVM, on a fixed HTTP port and state dir that survive its restarts, its
 * output appended to {@code <dir>/service.log}. {@link #kill()} is SIGKILL: no shutdown hook, no flush, open
 * transactions left to the brokers to abort.
 */
final class ServiceInstance {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceInstance.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");

    private final String name;
    private boolean stopped;
    private final Service service;
    private final int httpPort;
    private final Path dir;
    private final Map<String, String> environment;
    private final ClassDataSharing classData;
    private final boolean listsClasses;
    private boolean startedBefore;
    private Process process;

    /**
     * @param environment  the service's settings (docs/configuration.md) beyond the port and the state dir
     * @param listsClasses whether its first start lists the classes of the service's archive (one per service)
     */
    ServiceInstance(String name, Service service, int httpPort, Path dir, Map<String, String> environment,
                    ClassDataSharing classData, boolean listsClasses) {
        this.name = name;
        this.service = service;
        this.httpPort = httpPort;
        this.dir = dir;
        this.environment = Map.copyOf(environment);
        this.classData = classData;
        this.listsClasses = listsClasses;
    }

    String name() {
        return name;
    }

    Service service() {
        return service;
    }

    int httpPort() {
        return httpPort;
    }

    Path logFile() {
        return dir.resolve("service.log");
    }

    synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(classData.options(service, listsClasses && !startedBefore, dir.resolve("cds.log")));
        startedBefore = true;
        command.add("-cp");
        command.add(classData.classPath());
        command.add(OrphanGuard.class.getName());
        command.add(service.mainClass());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("APPLICATION_SERVER", "127.0.0.1:" + httpPort);
        builder.environment().put("STATE_DIR", dir.resolve("state").toString());
        // Static membership, as an operator runs it: a restarted instance takes its partitions back at once.
        builder.environment().put("INSTANCE_ID", name);
        try {
            Files.createDirectories(dir);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        ChildProcesses.register(process);
        LOG.info("{} started as pid {} on port {}, log {}", name, process.pid(), httpPort, logFile());
        Process started = process;
        started.onExit().thenAccept(this::restartIfItExitedByItself);
    }

    /**
     * As a supervisor (systemd, Kubernetes) would: an instance that ends by itself (e.g. exit 70 after a stall
     * it could not recover from) is started again on its state dir. Kills and stops of the harness are not this.
     */
    private synchronized void restartIfItExitedByItself(Process exited) {
        if (process != exited || stopped) {
            return;
        }
        LOG.info("{} (pid {}) exited by itself with code {}; restarting it", name, exited.pid(), exited.exitValue());
        ChildProcesses.forget(exited);
        process = null;
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> {
            synchronized (this) {
                if (process == null && !stopped) {
                    start();
                }
            }
        });
    }

    /** SIGKILL; returns once the process is gone. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        await(process, Duration.ofSeconds(10));
        ChildProcesses.forget(process);
        LOG.info("{} (pid {}) killed", name, process.pid());
        process = null;
    }

    /** SIGTERM, the clean stop; SIGKILL after {@code timeout}. Never restarted after it. */
    synchronized void stop(Duration timeout) {
        stopped = true;
        if (process == null) {
            return;
        }
        process.destroy();
        if (!await(process, timeout)) {
            process.destroyForcibly();
            await(process, Duration.ofSeconds(10));
        }
        ChildProcesses.forget(process);
        process = null;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Whether {@code GET /ready} answers 200 now. */
    boolean isReady() {
        return get("/ready", Duration.ofSeconds(1)).map(HttpResponse::statusCode).orElse(0) == 200;
    }

    /** One GET on this instance, empty when it does not answer within {@code timeout}. */
    Optional<HttpResponse<String>> get(String path, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(timeout).GET().build();
        try {
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits until {@code /ready} answers 200; the time it took from now, or empty after {@code timeout}. */
    Optional<Duration> awaitReady(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        boolean ready = BoundedWait.within(timeout, Duration.ofMillis(200), this::isReady);
        return ready ? Optional.of(Duration.ofNanos(System.nanoTime() - start)) : Optional.empty();
    }

    private static boolean await(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
