package io.shopstreams.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load driver sent, as Kafka acknowledged it: the ground truth the topics are checked against. A record
 * whose send failed may or may not be in the topic (the producer cannot know), so a command none of whose copies
 * was acknowledged may have zero or one outcome, never two. Thread-safe.
 */
final class SentLog {
    /** One command, over all its copies (the original and its exact re-sends). */
    static final class Command {
        final Service service;
        final String aggregateId;
        final String commandId;
        int acked;
        int failed;

        Command(Service service, String aggregateId, String commandId) {
            this.service = service;
            this.aggregateId = aggregateId;
            this.commandId = commandId;
        }
    }

    /** A malformed record Kafka took, where it landed. */
    record Malformed(PlannedRecord record, int partition, long offset) {
    }

    private final Map<String, Command> commands = new ConcurrentHashMap<>();
    private final List<Malformed> malformed = new ArrayList<>();
    private final Map<Service, AtomicLong> ackedCommands = new EnumMap<>(Map.of(
            Service.CART, new AtomicLong(), Service.ORDER, new AtomicLong()));
    private final AtomicLong ackedResends = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong failedMalformed = new AtomicLong();

    void acked(PlannedRecord record, int partition, long offset) {
        if (record.kind() == PlannedRecord.Kind.MALFORMED) {
            synchronized (malformed) {
                malformed.add(new Malformed(record, partition, offset));
            }
            return;
        }
        if (record.kind() == PlannedRecord.Kind.RESEND) {
            ackedResends.incrementAndGet();
        }
        Command command = command(record);
        synchronized (command) {
            if (command.acked++ == 0) {
                ackedCommands.get(record.service()).incrementAndGet();
            }
        }
    }

    void failed(PlannedRecord record) {
        failedSends.incrementAndGet();
        if (record.kind() == PlannedRecord.Kind.MALFORMED) {
            failedMalformed.incrementAndGet();
            return;
        }
        Command command = command(record);
        synchronized (command) {
            command.failed++;
        }
    }

    private Command command(PlannedRecord record) {
        return commands.computeIfAbsent(record.commandId(),
                id -> new Command(record.service(), record.key(), record.commandId()));
    }

    /** Distinct commands of {@code service} of which Kafka acknowledged at least one copy. */
    long ackedCommands(Service service) {
        return ackedCommands.get(service).get();
    }

    long ackedResends() {
        return ackedResends.get();
    }

    long failedSends() {
        return failedSends.get();
    }

    /** Malformed records whose send failed: they may have reached the topic, so their dead letter is optional. */
    long failedMalformed() {
        return failedMalformed.get();
    }

    Collection<Command> commands() {
        return commands.values();
    }

    List<Malformed> malformed() {
        synchronized (malformed) {
            return List.copyOf(new ArrayList<>(malformed));
        }
    }
}
