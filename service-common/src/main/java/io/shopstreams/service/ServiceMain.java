package io.shopstreams.service;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The runnable jar's {@code main}, the same for every service: {@code [--config FILE]} (a properties file, as
 * {@code CONFIG_FILE}), then runs until SIGTERM. A configuration problem, or a port that cannot be listened on,
 * ends it with one line and exit code 2, never a stack trace.
 */
public final class ServiceMain {
    private ServiceMain() {
    }

    public static void run(ServiceDefinition service, String[] args) {
        AsyncPool.atLeastTwoThreads();
        ServiceRuntime runtime;
        try {
            ServiceSettings settings = service.settings(environment(args, System.getenv()));
            prepareLogging(service, settings);
            runtime = ServiceRuntime.start(service, settings);
        } catch (ServiceConfig.ConfigException e) {
            exit(service, e.getMessage());
            return;
        } catch (UncheckedIOException e) {
            exit(service, e.getMessage() + ": " + e.getCause().getMessage());
            return;
        }
        // SIGTERM: streams leave the group (their partitions move at once), bounded by SHUTDOWN_TIMEOUT_MS. A
        // clean stop then exits 0 rather than the JVM's 143, so that supervisors do not report a failure.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            Runtime.getRuntime().halt(0);
        }, service.name() + "-shutdown"));
        try {
            runtime.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Before the first log line, which configures the logging backend (log4j2.xml): the format ({@code LOG_FORMAT})
     * and the service and instance each JSON line names. A system property set on the command line wins.
     */
    static void prepareLogging(ServiceDefinition service, ServiceSettings settings) {
        System.getProperties().putIfAbsent("shop.log.format", settings.logFormat());
        System.getProperties().putIfAbsent("shop.service", service.name());
        System.getProperties().putIfAbsent("shop.instance", settings.instanceName());
        // Reading the settings may have configured Log4j already (a class with a logger): read log4j2.xml again.
        try {
            Class.forName("org.apache.logging.log4j.core.LoggerContext", false, ServiceMain.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return;
        }
        if (org.apache.logging.log4j.LogManager.getContext(false)
                instanceof org.apache.logging.log4j.core.LoggerContext context) {
            context.reconfigure();
        }
    }

    private static void exit(ServiceDefinition service, String message) {
        System.err.println(service.name() + ": " + message);
        System.exit(2);
    }

    /**
     * The environment with the command line applied: {@code --config FILE} (or {@code --config=FILE}) names the
     * properties file, winning over {@code CONFIG_FILE}.
     *
     * @throws ServiceConfig.ConfigException for another argument or a file that cannot be read
     */
    static Map<String, String> environment(String[] args, Map<String, String> env) {
        Map<String, String> result = new HashMap<>(env);
        for (int i = 0; i < args.length; i++) {
            String file;
            if (args[i].equals("--config")) {
                if (i + 1 == args.length) {
                    throw new ServiceConfig.ConfigException("--config needs a file: --config FILE");
                }
                file = args[++i];
            } else if (args[i].startsWith("--config=")) {
                file = args[i].substring("--config=".length());
            } else {
                throw new ServiceConfig.ConfigException("unknown argument \"" + args[i] + "\"; usage: [--config FILE]");
            }
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new ServiceConfig.ConfigException("--config: cannot read " + file
                        + (Files.exists(path) ? " (not a readable file)" : " (no such file)"));
            }
            result.put(ServiceConfig.CONFIG_FILE, file);
        }
        return result;
    }
}
