package io.shopstreams.systemtests;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every system test (junit-platform.properties): Awaitility by default fails an await on an
 * uncaught exception of any thread in the JVM. DependencyLossIT runs beside the other classes and its services'
 * stream threads fail on purpose (brokers stopped, topics deleted), which would fail another class's await.
 * Each test asserts what its own services answer instead.
 */
public final class AwaitOwnFailuresOnly implements BeforeAllCallback {
    static {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The static initializer did the work, before the first await of the JVM.
    }
}
