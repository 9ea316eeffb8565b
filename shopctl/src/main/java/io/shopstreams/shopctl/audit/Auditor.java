package io.shopstreams.shopctl.audit;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Fields;
import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.TopicNames;
import io.shopstreams.service.stream.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Checks the consistency invariants of the whole system from its topics alone (CONTRACT sections 3 and 5):
 * <ul>
 *   <li>every {@code CartCheckedOut} has exactly one {@code OrderPlaced} or {@code OrderRejected} with its
 *       orderId, and every {@code OrderRejected} exactly one {@code CartReopened};</li>
 *   <li>no eventId twice; per aggregate, versions run 1..n without gap or repeat;</li>
 *   <li>every command record has its outcome (an event, or a {@code CommandRejected}) or one dead letter, and no
 *       commandId has two outcomes.</li>
 * </ul>
 * Feed it every record of the topics, in per-partition order, then call {@link #report()}. Run it when the
 * services are idle: a command still in flight has no outcome yet.
 */
public final class Auditor {
    private record Ref(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    private final Map<String, Long> counts = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Set<String> eventIds = new HashSet<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, String> checkouts = new TreeMap<>();
    private final Map<String, Integer> orderAnswers = new HashMap<>();
    private final Map<String, String> rejections = new TreeMap<>();
    private final Map<String, Integer> reopenings = new HashMap<>();
    private final Map<String, Integer> outcomes = new HashMap<>();
    private final Map<String, Ref> commands = new TreeMap<>();
    private final List<Ref> undecodable = new ArrayList<>();
    private final Set<String> deadLetterSources = new HashSet<>();
    private final Set<String> deadLetterCommandIds = new HashSet<>();

    /** The topics an audit reads. */
    public static List<String> topics() {
        return List.of(TopicNames.CART_COMMANDS, TopicNames.ORDER_COMMANDS, TopicNames.CART_EVENTS,
                TopicNames.ORDER_EVENTS, TopicNames.DEAD_LETTERS);
    }

    public void accept(ConsumerRecord<String, byte[]> record) {
        count(record.topic());
        Ref ref = new Ref(record.topic(), record.partition(), record.offset());
        switch (record.topic()) {
            case TopicNames.CART_EVENTS -> cartEvent(ref, record);
            case TopicNames.ORDER_EVENTS -> orderEvent(ref, record);
            case TopicNames.CART_COMMANDS -> command(ref, record, JsonCodec.CART_COMMANDS, CartCommand::commandId);
            case TopicNames.ORDER_COMMANDS -> command(ref, record, JsonCodec.ORDER_COMMANDS, OrderCommand::commandId);
            case TopicNames.DEAD_LETTERS -> deadLetter(record);
            default -> throw new IllegalArgumentException("not an audited topic: " + record.topic());
        }
    }

    private void cartEvent(Ref ref, ConsumerRecord<String, byte[]> record) {
        CartEvent event = decodeEvent(ref, record, JsonCodec.CART_EVENTS);
        if (event == null) {
            return;
        }
        common(ref, "cart " + event.cartId(), event.eventId(), event.commandId(), event.version(),
                event instanceof CartEvent.CommandRejected);
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
        if (event == null) {
            return;
        }
        common(ref, "order " + event.orderId(), event.eventId(), event.commandId(), event.version(),
                event instanceof OrderEvent.CommandRejected);
        if (event instanceof OrderEvent.OrderPlaced) {
            count("orders placed");
            orderAnswers.merge(event.orderId(), 1, Integer::sum);
        } else if (event instanceof OrderEvent.OrderRejected) {
            count("orders rejected");
            orderAnswers.merge(event.orderId(), 1, Integer::sum);
            rejections.put(event.orderId(), event.eventId());
        }
    }

    /** The checks every event shares: unique id, version sequence, one outcome per cause. */
    private void common(Ref ref, String aggregate, String eventId, String causeId, long version, boolean rejection) {
        if (!eventIds.add(eventId)) {
            violations.add(ref + ": eventId " + eventId + " appears twice");
        }
        long current = versions.getOrDefault(aggregate, 0L);
        if (rejection) {
            if (version != current) {
                violations.add(ref + ": " + aggregate + " rejection decided against version " + version
                        + " but the aggregate is at " + current);
            }
        } else if (version != current + 1) {
            violations.add(ref + ": " + aggregate + " version " + version + " follows " + current);
        } else {
            versions.put(aggregate, version);
        }
        if (outcomes.merge(aggregate + "|" + causeId, 1, Integer::sum) == 2) {
            violations.add(ref + ": " + aggregate + " has a second outcome for " + causeId);
        }
    }

    private <E> E decodeEvent(Ref ref, ConsumerRecord<String, byte[]> record, JsonCodec<E> codec) {
        try {
            return codec.decode(record.value());
        } catch (InvalidMessageException e) {
            violations.add(ref + ": an event that does not decode (" + e.code() + "): " + e.getMessage());
            return null;
        }
    }

    private <C> void command(Ref ref, ConsumerRecord<String, byte[]> record, JsonCodec<C> codec,
                             Function<C, String> commandId) {
        String aggregate = (ref.topic().equals(TopicNames.CART_COMMANDS) ? "cart " : "order ") + record.key();
        try {
            C command = codec.decode(record.value());
            if (record.key() != null && Fields.isValidId(record.key())) {
                commands.putIfAbsent(aggregate + "|" + commandId.apply(command), ref);
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
        deadLetterSources.add(topic + "-" + DeadLetters.header(record.headers(), DeadLetters.SOURCE_PARTITION)
                + "@" + DeadLetters.header(record.headers(), DeadLetters.SOURCE_OFFSET));
        // A processing error is reported from the internal topic it happened on; find its command by id.
        try {
            if (topic != null && topic.contains("cart-commands")) {
                deadLetterCommandIds.add(JsonCodec.CART_COMMANDS.decode(record.value()).commandId());
            } else if (topic != null && topic.contains("order-commands")) {
                deadLetterCommandIds.add(JsonCodec.ORDER_COMMANDS.decode(record.value()).commandId());
            }
        } catch (InvalidMessageException e) {
            // An undecodable dead letter is matched by its source offset instead.
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
        orderAnswers.keySet().stream().filter(orderId -> !checkouts.containsKey(orderId)).sorted()
                .forEach(orderId -> found.add("order " + orderId + " answers no CartCheckedOut"));
        rejections.forEach((orderId, eventId) -> {
            int reopened = reopenings.getOrDefault(orderId, 0);
            if (reopened != 1) {
                found.add("order " + orderId + ": rejection has " + reopened + " CartReopened (expected exactly 1)");
            }
        });
        commands.forEach((key, ref) -> {
            String commandId = key.substring(key.indexOf('|') + 1);
            if (!outcomes.containsKey(key) && !deadLetterCommandIds.contains(commandId)) {
                found.add(ref + ": command " + key + " has no outcome and no dead letter");
            }
        });
        for (Ref ref : undecodable) {
            if (!deadLetterSources.contains(ref.toString())) {
                found.add(ref + ": a record that is not a command has no dead letter");
            }
        }
        return new AuditReport(counts, found);
    }
}
