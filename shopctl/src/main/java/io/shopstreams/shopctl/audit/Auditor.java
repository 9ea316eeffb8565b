package io.shopstreams.shopctl.audit;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Fields;
import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import io.shopstreams.service.stream.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Checks the consistency invariants of the whole system from its topics alone (docs/contract.md, sections 3 and 5):
 * <ul>
 *   <li>every {@code CartCheckedOut} has exactly one {@code OrderPlaced} or {@code OrderRejected} with its
 *       orderId, every {@code OrderRejected} exactly one {@code CartReopened}, and neither answers nothing;</li>
 *   <li>no eventId twice; per aggregate, versions run 1..n without gap or repeat, and a rejection carries the
 *       version it was decided against;</li>
 *   <li>every command record has an outcome (an event, or a {@code CommandRejected}; a repeated commandId
 *       shares the first one's) or a dead letter; no cause has two outcomes, no record two dead letters.</li>
 * </ul>
 * Feed it every record of {@link #topics()}, in per-partition order, then call {@link #report()}. Run it when
 * the services are idle: a command still in flight has no outcome yet.
 */
public final class Auditor {
    private record Ref(String topic, int partition, long offset) {
        static Ref of(ConsumerRecord<?, ?> record) {
            return new Ref(record.topic(), record.partition(), record.offset());
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    private final Map<String, Long> counts = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Ref> eventIds = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, String> checkouts = new TreeMap<>();
    private final Map<String, Integer> orderAnswers = new TreeMap<>();
    private final Map<String, String> rejections = new TreeMap<>();
    private final Map<String, Integer> reopenings = new TreeMap<>();
    private final Map<String, Integer> outcomes = new HashMap<>();
    private final Map<Ref, String> commands = new TreeMap<>(
            Comparator.comparing(Ref::topic).thenComparing(Ref::partition).thenComparing(Ref::offset));
    private final List<Ref> undecodable = new ArrayList<>();
    private final Map<String, Integer> deadLetterSources = new TreeMap<>();
    private final Set<String> deadLetterCommands = new HashSet<>();

    /** The topics an audit reads. */
    public static List<String> topics() {
        return List.of(Topics.CART_COMMANDS.name(), Topics.ORDER_COMMANDS.name(), Topics.CART_EVENTS.name(),
                Topics.ORDER_EVENTS.name(), Topics.DEAD_LETTERS.name());
    }

    public void accept(ConsumerRecord<String, byte[]> record) {
        count(record.topic());
        Ref ref = Ref.of(record);
        String topic = record.topic();
        if (topic.equals(Topics.CART_EVENTS.name())) {
            cartEvent(ref, record);
        } else if (topic.equals(Topics.ORDER_EVENTS.name())) {
            orderEvent(ref, record);
        } else if (topic.equals(Topics.CART_COMMANDS.name())) {
            command(ref, record, "cart ", JsonCodec.CART_COMMANDS, CartCommand::commandId);
        } else if (topic.equals(Topics.ORDER_COMMANDS.name())) {
            command(ref, record, "order ", JsonCodec.ORDER_COMMANDS, OrderCommand::commandId);
        } else if (topic.equals(Topics.DEAD_LETTERS.name())) {
            deadLetter(record);
        } else {
            throw new IllegalArgumentException("not an audited topic: " + topic);
        }
    }

    private void cartEvent(Ref ref, ConsumerRecord<String, byte[]> record) {
        CartEvent event = decodeEvent(ref, record, JsonCodec.CART_EVENTS);
        if (event == null || !common(ref, "cart " + event.cartId(), event.eventId(), event.commandId(),
                event.version(), event instanceof CartEvent.CommandRejected)) {
            return;
        }
        if (event instanceof CartEvent.CartCheckedOut checkedOut) {
            count("checkouts");
            checkouts.put(checkedOut.orderId(), checkedOut.cartId());
        } else if (event instanceof CartEvent.CartReopened reopened) {
            count("reopenings");
            reopenings.merge(reopened.orderId(), 1, Integer::sum);
        }
    }

    private void orderEvent(Ref ref, ConsumerRecord<String, byte[]> record) {
        OrderEvent event = decodeEvent(ref, record, JsonCodec.ORDER_EVENTS);
        if (event == null || !common(ref, "order " + event.orderId(), event.eventId(), event.commandId(),
                event.version(), event instanceof OrderEvent.CommandRejected)) {
            return;
        }
        if (event instanceof OrderEvent.OrderPlaced) {
            count("orders placed");
            orderAnswers.merge(event.orderId(), 1, Integer::sum);
        } else if (event instanceof OrderEvent.OrderRejected) {
            count("orders rejected");
            orderAnswers.merge(event.orderId(), 1, Integer::sum);
            rejections.put(event.orderId(), event.eventId());
        }
    }

    /**
     * The checks every event shares: unique id, version sequence, one outcome per cause. Returns false for an
     * event whose id was seen before: it is the same event again, reported once and otherwise left out.
     */
    private boolean common(Ref ref, String aggregate, String eventId, String causeId, long version,
                           boolean rejection) {
        Ref first = eventIds.putIfAbsent(eventId, ref);
        if (first != null) {
            violations.add(ref + ": eventId " + eventId + " of " + aggregate + " appears twice (first at " + first + ")");
            return false;
        }
        long current = versions.getOrDefault(aggregate, 0L);
        if (rejection) {
            if (version != current) {
                violations.add(ref + ": " + aggregate + " rejection decided against version " + version
                        + " but the aggregate is at " + current);
            }
        } else if (version <= current) {
            violations.add(ref + ": " + aggregate + " version " + version + " repeats (the aggregate is at "
                    + current + ")");
        } else {
            if (version != current + 1) {
                violations.add(ref + ": " + aggregate + " version " + version + " follows " + current
                        + " (a gap)");
            }
            versions.put(aggregate, version);
        }
        if (outcomes.merge(aggregate + "|" + causeId, 1, Integer::sum) == 2) {
            violations.add(ref + ": " + aggregate + " has a second outcome for " + causeId);
        }
        return true;
    }

    private <E> E decodeEvent(Ref ref, ConsumerRecord<String, byte[]> record, JsonCodec<E> codec) {
        try {
            return codec.decode(record.value());
        } catch (InvalidMessageException e) {
            violations.add(ref + ": an event that does not decode (" + e.code() + "): " + e.getMessage());
            return null;
        }
    }

    private <C> void command(Ref ref, ConsumerRecord<String, byte[]> record, String aggregateType,
                             JsonCodec<C> codec, Function<C, String> commandId) {
        try {
            C command = codec.decode(record.value());
            if (record.key() != null && Fields.isValidId(record.key())) {
                commands.put(ref, aggregateType + record.key() + "|" + commandId.apply(command));
                count("commands");
                return;
            }
        } catch (InvalidMessageException e) {
            // Not a command: it must have become a dead letter.
        }
        undecodable.add(ref);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record) {
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

    private void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    public AuditReport report() {
        List<String> found = new ArrayList<>(violations);
        checkouts.forEach((orderId, cartId) -> {
            int answers = orderAnswers.getOrDefault(orderId, 0);
            if (answers != 1) {
                found.add("cart " + cartId + ": checkout of " + orderId + " has " + answers
                        + " OrderPlaced/OrderRejected (expected exactly 1)");
            }
        });
        orderAnswers.keySet().stream().filter(orderId -> !checkouts.containsKey(orderId))
                .forEach(orderId -> found.add("order " + orderId + " answers no CartCheckedOut"));
        rejections.keySet().forEach(orderId -> {
            int reopened = reopenings.getOrDefault(orderId, 0);
            if (reopened != 1) {
                found.add("order " + orderId + ": rejection has " + reopened + " CartReopened (expected exactly 1)");
            }
        });
        reopenings.keySet().stream().filter(orderId -> !rejections.containsKey(orderId))
                .forEach(orderId -> found.add("cart reopened for order " + orderId + ", which was not rejected"));
        commands.forEach((ref, key) -> {
            if (!outcomes.containsKey(key) && !deadLetterSources.containsKey(ref.toString())
                    && !deadLetterCommands.contains(key)) {
                found.add(ref + ": command " + key + " has no outcome and no dead letter");
            }
        });
        for (Ref ref : undecodable) {
            if (!deadLetterSources.containsKey(ref.toString())) {
                found.add(ref + ": a record that is not a command has no dead letter");
            }
        }
        deadLetterSources.forEach((source, letters) -> {
            if (letters > 1) {
                found.add(source + " has " + letters + " dead letters (expected at most 1)");
            }
        });
        return new AuditReport(counts, found);
    }
}
