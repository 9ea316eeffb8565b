package io.shopstreams.chaos;

import java.io.IOException;
import java.lang.reflect.Method;

/**
 * Entry point of a service child process: runs the service's own {@code main} (e.g.
 * {@code io.shopstreams.cart.CartService}) plus a watchdog that stops the service when the harness JVM dies.
 *
 * <p>The harness keeps this process's stdin open and never writes to it; when the harness dies, even by
 * {@code kill -9}, the pipe closes and the service shuts down as on SIGTERM. A {@code kill -9} of this process
 * by the harness is unaffected: it is the real thing.
 */
public final class OrphanGuard {

    private OrphanGuard() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: OrphanGuard <main class> [args...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(OrphanGuard::exitWhenParentDies, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        main.invoke(null, (Object) rest);
    }

    private static void exitWhenParentDies() {
        try {
            while (System.in.read() != -1) {
                // The parent sends nothing; any byte is ignored.
            }
            System.err.println("harness process is gone: shutting down");
        } catch (IOException e) {
            System.err.println("harness pipe failed (" + e + "): shutting down");
        }
        System.exit(0);
    }
}
