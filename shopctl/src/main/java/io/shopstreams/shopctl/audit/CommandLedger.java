package io.shopstreams.shopctl.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topics;
import io.shopstreams.service.stream.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Command records and dead letters: every command has an outcome or a dead letter, every record that is no
 * command a dead letter, and no record more than one dead letter. A command is known by
 * {@code "<aggregate type> <aggregate id>|<commandId>"}, the key its outcome is counted under.
 */
final class CommandLedger {
    private final Map<RecordRef, String> commands = new TreeMap<>(RecordRef.ORDER);
    private final List<RecordRef> undecodable = new ArrayList<>();
    private final Map<String, Integer> deadLetterSources = new TreeMap<>();
    private final Set<String> deadLetterCommands = new HashSet<>();

    void command(RecordRef ref, String key) {
        commands.put(ref, key);
    }

    void undecodable(RecordRef ref) {
        undecodable.add(ref);
    }

    void deadLetter(ConsumerRecord<String, byte[]> record) {
        String topic = DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC);
        deadLetterSources.merge(topic + "-" + DeadLetters.header(record.headers(), DeadLetters.SOURCE_PARTITION)
                + "@" + DeadLetters.header(record.headers(), DeadLetters.SOURCE_OFFSET), 1, Integer::sum);
        if (topic == null || topic.equals(Topics.CART_COMMANDS.name()) || topic.equals(Topics.ORDER_COMMANDS.name())) {
            return;
        }
        // A processing error is reported from the internal (repartition) topic it happened on, whose records are
        // keyed by the aggregate id: match its command by aggregate and commandId instead of by source offset.
        try {
            if (topic.contains(Topics.CART_COMMANDS.name())) {
                deadLetterCommands.add("cart " + record.key() + "|"
                        + JsonCodec.CART_COMMANDS.decode(record.value()).commandId());
            } else if (topic.contains(Topics.ORDER_COMMANDS.name())) {
                deadLetterCommands.add("order " + record.key() + "|"
                        + JsonCodec.ORDER_COMMANDS.decode(record.value()).commandId());
            }
        } catch (InvalidMessageException e) {
            // Not a command of an internal topic: nothing a command record could be matched with.
        }
    }

    /** Adds a line to {@code violations} for each broken rule; {@code hasOutcome} tells a command key's fate. */
    void report(List<String> violations, Predicate<String> hasOutcome) {
        commands.forEach((ref, key) -> {
            if (!hasOutcome.test(key) && !deadLetterSources.containsKey(ref.toString())
                    && !deadLetterCommands.contains(key)) {
                violations.add(ref + ": command " + key + " has no outcome and no dead letter");
            }
        });
        for (RecordRef ref : undecodable) {
            if (!deadLetterSources.containsKey(ref.toString())) {
                violations.add(ref + ": a record that is not a command has no dead letter");
            }
        }
        deadLetterSources.forEach((source, letters) -> {
            if (letters > 1) {
                violations.add(source + " has " + letters + " dead letters (expected at most 1)");
            }
        });
    }
}
