package io.shopstreams.service;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Tells from Kafka Streams' own signals whether an instance is processing: the client RUNNING, every stream
 * thread RUNNING, and commits progressing whenever input waits. Input waits when an active task's end offset
 * is ahead of its committed offset by more than one (under exactly-once a commit marker may follow the last
 * record); the committed offsets are the progress. Restores and rebalances are not commit stalls: no commit is
 * due meanwhile; but a client or thread that stays out of RUNNING for longer than the exit limit with no restore
 * under way is stuck (seen under chaos: a fenced thread whose rebalance never ended), and is fatal too; a client in
 * ERROR is fatal at once. A group coordinator not heard from for longer than the session timeout means the brokers are out
 * of reach. Pure but for the clock it is given, so that a test drives it through time; not thread-safe (its
 * caller serializes the checks).
 */
final class StallDetector {
    /** Whether the instance is ready, why not, and whether it has stalled for longer than the exit limit. */
    record Verdict(boolean ready, String reason, boolean fatal) {
        static final Verdict READY = new Verdict(true, "", false);
    }

    /**
     * One look at the instance.
     *
     * @param heartbeatAgeMillis how long the stream threads' consumers have had no answer from their group
     *                           coordinator
     */
    record Signals(KafkaStreams.State state, Collection<ThreadMetadata> threads, boolean restoring,
                   long heartbeatAgeMillis) {
    }

    private final Duration stallTimeout;
    private final Duration stallExit;
    private final Duration sessionTimeout;
    private final LongSupplier clockMillis;
    private long committed = -1;
    private long lastProgressMillis;
    private boolean stalled;
    private long stalls;
    /** Since when the client or a thread is out of RUNNING with no restore under way; -1 while it is not. */
    private long notRunningSinceMillis = -1;

    StallDetector(Duration stallTimeout, Duration stallExit, Duration sessionTimeout, LongSupplier clockMillis) {
        this.stallTimeout = stallTimeout;
        this.stallExit = stallExit;
        this.sessionTimeout = sessionTimeout;
        this.clockMillis = clockMillis;
        this.lastProgressMillis = clockMillis.getAsLong();
    }

    Verdict check(Signals signals) {
        long now = clockMillis.getAsLong();
        if (signals.state() == KafkaStreams.State.ERROR) {
            // Terminal (e.g. the global thread died: its topic was recreated under it): only a new process helps.
            progressed(now, -1);
            return new Verdict(false, "Kafka Streams is ERROR: only a restart brings it back", !stallExit.isZero());
        }
        if (signals.state() != KafkaStreams.State.RUNNING) {
            return notRunning(now, "Kafka Streams is " + signals.state(), signals.restoring());
        }
        for (ThreadMetadata thread : signals.threads()) {
            if (!"RUNNING".equals(thread.threadState())) {
                return notRunning(now, "stream thread " + thread.threadName() + " is " + thread.threadState(),
                        signals.restoring());
            }
        }
        notRunningSinceMillis = -1;
        if (signals.heartbeatAgeMillis() > sessionTimeout.toMillis()) {
            return notProcessing(now, "no heartbeat from the group coordinator for "
                    + signals.heartbeatAgeMillis() / 1000 + " s: the brokers are out of reach");
        }
        if (signals.restoring()) {
            return progressed(now, -1);
        }
        return progress(now, signals.threads());
    }

    private Verdict progress(long now, Collection<ThreadMetadata> threads) {
        long committedNow = 0;
        long waiting = 0;
        for (ThreadMetadata thread : threads) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (Map.Entry<?, Long> offset : task.committedOffsets().entrySet()) {
                    long end = task.endOffsets().getOrDefault(offset.getKey(), -1L);
                    committedNow += Math.max(0, offset.getValue());
                    waiting += offset.getValue() >= 0 && end > offset.getValue() + 1 ? end - offset.getValue() - 1 : 0;
                }
            }
        }
        if (committedNow != committed || waiting == 0) {
            return progressed(now, committedNow);
        }
        long idle = now - lastProgressMillis;
        if (idle < stallTimeout.toMillis()) {
            return Verdict.READY;
        }
        if (!stalled) {
            stalled = true;
            stalls++;
        }
        return new Verdict(false, "no commit for " + idle / 1000 + " s while " + waiting + " records wait",
                !stallExit.isZero() && idle >= stallExit.toMillis());
    }

    private Verdict progressed(long now, long committedNow) {
        committed = committedNow;
        lastProgressMillis = now;
        stalled = false;
        return Verdict.READY;
    }

    /** Episodes of input waiting with no commit for longer than the stall timeout, since start. */
    long stalls() {
        return stalls;
    }

    /**
     * Not ready for a reason Kafka Streams shows itself (rebalancing, a thread starting or replaced): the commit
     * clock restarts, since no commit is expected meanwhile. Fatal only once it has lasted the exit limit with no
     * restore under way: a long restore is work, a rebalance that never ends is not.
     */
    private Verdict notRunning(long now, String reason, boolean restoring) {
        progressed(now, -1);
        if (restoring || notRunningSinceMillis < 0) {
            notRunningSinceMillis = now;
        }
        long outMillis = now - notRunningSinceMillis;
        boolean fatal = !stallExit.isZero() && outMillis >= stallExit.toMillis();
        return new Verdict(false, fatal ? reason + " for " + outMillis / 1000 + " s" : reason, fatal);
    }

    /** Not ready for a reason outside Kafka Streams (the brokers out of reach): never fatal, a restart cannot help. */
    private Verdict notProcessing(long now, String reason) {
        progressed(now, -1);
        return new Verdict(false, reason, false);
    }
}
