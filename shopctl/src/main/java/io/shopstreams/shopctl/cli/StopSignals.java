package io.shopstreams.shopctl.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a stop request instead of a JVM shutdown, so that {@code dev} can stop the
 * services before the broker (shutdown hooks run in no particular order, and the broker's own hook would stop it
 * under the running services) and then exit 0. A second signal forces the exit.
 *
 * <p>Uses {@code sun.misc.Signal} through reflection, as Kafka's own {@code LoggingSignalHandler} does, so the build
 * has no internal-API warning. Where that API is missing, signals keep their default (a JVM shutdown).
 */
public final class StopSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final String[] SIGNALS = {"INT", "TERM"};
    private static final int FORCED_EXIT = 130;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();
    private final Map<Object, Object> previousHandlers = new LinkedHashMap<>();
    private final PrintWriter err;
    private volatile boolean ready;
    private Method handle;

    private StopSignals(PrintWriter err) {
        this.err = err;
    }

    /** Handles SIGINT and SIGTERM from now until {@link #close()}; {@code err} hears about a signal while starting. */
    public static StopSignals install(PrintWriter err) {
        StopSignals signals = new StopSignals(err);
        signals.register();
        return signals;
    }

    /** Startup is over: a signal now stops at once. Before, the stop waits for startup to finish. */
    public void ready() {
        ready = true;
    }

    /**
     * Blocks until a signal arrived or the thread is interrupted (how tests stop {@code dev}).
     *
     * @return true when interrupted, so that the caller restores the flag once it has cleaned up
     */
    public boolean awaitStopRequest() {
        try {
            requested.await();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** Puts back the handlers that were there before. */
    @Override
    public void close() {
        previousHandlers.forEach((signal, previous) -> {
            try {
                handle.invoke(null, signal, previous);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("could not restore the handler of {}", signal, e);
            }
        });
        previousHandlers.clear();
    }

    private void onSignal() {
        if (received.incrementAndGet() > 1) {
            err.println("shopctl: second signal: exiting at once");
            err.flush();
            Runtime.getRuntime().halt(FORCED_EXIT);
        }
        if (!ready) {
            // Stopping half-started services and broker from here would race the startup itself.
            err.println("shopctl: stopping once startup is done (Ctrl-C again exits at once)");
            err.flush();
        }
        requested.countDown();
    }

    private void register() {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> newSignal = signalClass.getConstructor(String.class);
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    invocationHandler());
            for (String name : SIGNALS) {
                Object signal = newSignal.newInstance(name);
                previousHandlers.put(signal, handle.invoke(null, signal, handler));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot handle signals ({}); Ctrl-C will stop the JVM without an orderly shutdown", e.toString());
        }
    }

    private InvocationHandler invocationHandler() {
        return (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return "shopctl stop signal handler";
                }
            }
            onSignal();
            return null;
        };
    }
}
