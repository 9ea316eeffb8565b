package io.shopstreams.chaos;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every service process the harness started and has not yet seen die: a JVM shutdown hook kills what is left,
 * so that a failed or interrupted run leaves no process behind (brokers have their own hook and watchdog).
 */
final class ChildProcesses {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "chaos-children-shutdown"));
    }

    private ChildProcesses() {
    }

    static void register(Process process) {
        RUNNING.add(process);
    }

    static void forget(Process process) {
        RUNNING.remove(process);
    }

    /** SIGKILL to every registered process; each is only ever a process this JVM started. */
    static void killAll() {
        for (Process process : RUNNING) {
            process.destroyForcibly();
        }
        RUNNING.clear();
    }
}
