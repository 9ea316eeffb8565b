package io.shopstreams.kafka.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of a child-process node: {@code kafka.Kafka server.properties}, plus a watchdog that ends this
 * JVM when the parent JVM dies.
 *
 * <p>The parent keeps this process's stdin open and never writes to it. When the parent dies - even by
 * {@code kill -9}, when no shutdown hook runs - the operating system closes the pipe, the read below sees
 * end-of-file, and the broker shuts down (gracefully, halted after {@value #HALT_AFTER_SECONDS} s).
 */
public final class ChildBrokerMain {

    static final long HALT_AFTER_SECONDS = 10;

    private ChildBrokerMain() {
    }

    public static void main(String[] args) {
        Thread watchdog = new Thread(() -> exitWhenParentDies(System.in), "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }

    private static void exitWhenParentDies(InputStream parentPipe) {
        try {
            while (parentPipe.read() != -1) {
                // The parent sends nothing; any byte is ignored.
            }
            System.err.println("parent process is gone: shutting down");
        } catch (IOException e) {
            System.err.println("parent pipe failed (" + e + "): shutting down");
        }
        Thread halter = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(HALT_AFTER_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(1);
        }, "parent-watchdog-halt");
        halter.setDaemon(true);
        halter.start();
        // Runs kafka.Kafka's shutdown hook, which shuts the server down cleanly.
        System.exit(0);
    }
}
