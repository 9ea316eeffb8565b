package io.shopstreams.shopctl.cli;

/**
 * Log levels of slf4j-simple. The defaults live in {@code simplelogger.properties} (Kafka at WARN, this project at
 * INFO); system properties override that file, but only for loggers created afterwards, so {@link #verbose()}
 * runs while the command line is parsed, before any Kafka class logs.
 */
public final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    public static void verbose() {
        System.setProperty(PREFIX + "defaultLogLevel", "info");
        // Quiet by default: one warning per reconnect to an unreachable broker, per retried produce request.
        System.setProperty(PREFIX + "log.org.apache.kafka.clients.NetworkClient", "info");
        System.setProperty(PREFIX + "log.org.apache.kafka.clients.producer.internals.Sender", "info");
    }
}
