package io.shopstreams.shopctl.audit;

import io.shopstreams.events.CartCommand;
import io.shopstreams.events.CartEvent;
import io.shopstreams.events.Fields;
import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.OrderCommand;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, RecordRef> eventIds = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Integer> outcomes = new HashMap<>();
    private final SagaLedger saga = new SagaLedger();
    private final CommandLedger commands = new CommandLedger();

    /** The topics an audit reads. */
    public static List<String> topics() {
        return List.of(Topics.CART_COMMANDS.name(), Topics.ORDER_COMMANDS.name(), Topics.CART_EVENTS.name(),
                Topics.ORDER_EVENTS.name(), Topics.DEAD_LETTERS.name());
    }

    public void accept(ConsumerRecord<String, byte[]> record) {
        count(record.topic());
        RecordRef ref = RecordRef.of(record);
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
            commands.deadLetter(record);
        } else {
            throw new IllegalArgumentException("not an audited topic: " + topic);
        }
    }

    private void cartEvent(RecordRef ref, ConsumerRecord<String, byte[]> record) {
        CartEvent event = decodeEvent(ref, record, JsonCodec.CART_EVENTS);
        if (event == null || !common(ref, "cart " + event.cartId(), event.eventId(), event.commandId(),
                event.version(), event instanceof CartEvent.CommandRejected)) {
            return;
        }
        if (event instanceof CartEvent.CartCheckedOut checkedOut) {
            count("checkouts");
            saga.checkedOut(checkedOut.orderId(), checkedOut.cartId());
        } else if (event instanceof CartEvent.CartReopened reopened) {
            count("reopenings");
            saga.reopened(reopened.orderId());
        }
    }

    private void orderEvent(RecordRef ref, ConsumerRecord<String, byte[]> record) {
        OrderEvent event = decodeEvent(ref, record, JsonCodec.ORDER_EVENTS);
        if (event == null || !common(ref, "order " + event.orderId(), event.eventId(), event.commandId(),
                event.version(), event instanceof OrderEvent.CommandRejected)) {
            return;
        }
        if (event instanceof OrderEvent.OrderPlaced) {
            count("orders placed");
            saga.placed(event.orderId());
        } else if (event instanceof OrderEvent.OrderRejected) {
            count("orders rejected");
            saga.rejected(event.orderId(), event.eventId());
        }
    }

    /**
     * The checks every event shares: unique id, version sequence, one outcome per cause. Returns false for an
     * event whose id was seen before: it is the same event again, reported once and otherwise left out.
     */
    private boolean common(RecordRef ref, String aggregate, String eventId, String causeId, long version,
                           boolean rejection) {
        RecordRef first = eventIds.putIfAbsent(eventId, ref);
        if (first != null) {
            violations.add(ref + ": eventId " + eventId + " of " + aggregate + " appears twice (first at " + first + ")");
            return false;
        }
        checkVersion(ref, aggregate, version, rejection);
        if (outcomes.merge(aggregate + "|" + causeId, 1, Integer::sum) == 2) {
            violations.add(ref + ": " + aggregate + " has a second outcome for " + causeId);
        }
        return true;
    }

    /** Versions run 1..n without gap or repeat; a rejection carries the version it was decided against. */
    private void checkVersion(RecordRef ref, String aggregate, long version, boolean rejection) {
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
    }

    private <E> E decodeEvent(RecordRef ref, ConsumerRecord<String, byte[]> record, JsonCodec<E> codec) {
        try {
            return codec.decode(record.value());
        } catch (InvalidMessageException e) {
            violations.add(ref + ": an event that does not decode (" + e.code() + "): " + e.getMessage());
            return null;
        }
    }

    private <C> void command(RecordRef ref, ConsumerRecord<String, byte[]> record, String aggregateType,
                             JsonCodec<C> codec, Function<C, String> commandId) {
        try {
            C command = codec.decode(record.value());
            if (record.key() != null && Fields.isValidId(record.key())) {
                commands.command(ref, aggregateType + record.key() + "|" + commandId.apply(command));
                count("commands");
                return;
            }
        } catch (InvalidMessageException e) {
            // Not a command: it must have become a dead letter.
        }
        commands.undecodable(ref);
    }

    private void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    public AuditReport report() {
        List<String> found = new ArrayList<>(violations);
        saga.report(found);
        commands.report(found, outcomes::containsKey);
        return new AuditReport(counts, found);
    }
}
