package io.shopstreams.chaos;

import io.shopstreams.events.CartEvent;
import io.shopstreams.events.OrderEvent;
import io.shopstreams.service.stream.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the committed log against what was sent, from the topics alone: one outcome per command, one dead letter
 * per malformed record, unique eventIds, gapless versions and a closed saga. Reads a quiet log: call it once the
 * services have caught up.
 */
final class LogCheck {
    private static final int SAMPLES = 20;

    private final List<String> samples = new ArrayList<>();
    private final Map<String, Integer> outcomes = new HashMap<>();
    private final Set<String> eventIds = new HashSet<>();
    private long duplicateEventIds;
    private long versionViolations;
    private long sagaViolations;

    static LogVerdict check(SentLog sent, EventLog log) {
        return new LogCheck().run(sent, log);
    }

    private LogVerdict run(SentLog sent, EventLog log) {
        log.carts().forEach((cartId, events) -> sequence("cart " + cartId, log.cart(cartId)));
        log.orders().forEach((orderId, events) -> sequence("order " + orderId, log.order(orderId)));
        long lost = 0;
        long duplicated = 0;
        long unacknowledged = 0;
        for (SentLog.Command command : sent.commands()) {
            int found = outcomes.getOrDefault(command.commandId, 0);
            unacknowledged += command.acked == 0 ? 1 : 0;
            if (found == 0 && command.acked > 0) {
                lost++;
                sample(command.service.label() + " " + command.aggregateId + ": command " + command.commandId
                        + " has no outcome");
            } else if (found > 1) {
                duplicated += found - 1;
                sample(command.service.label() + " " + command.aggregateId + ": command " + command.commandId
                        + " has " + found + " outcomes");
            }
        }
        long[] saga = saga(log);
        DeadLetterMatch letters = deadLetters(sent.malformed(), log.deadLetters());
        return new LogVerdict(sent.ackedCommands(Service.CART) + sent.ackedCommands(Service.ORDER), lost,
                duplicated, unacknowledged, sent.malformed().size(), letters.found, letters.headerMismatches,
                letters.unexpected, duplicateEventIds, versionViolations, saga[0], saga[1], sagaViolations,
                List.copyOf(samples));
    }

    /** Versions 1..n; a rejection carries the version it was decided against; every eventId once. */
    private void sequence(String aggregate, List<?> events) {
        long current = 0;
        for (Object event : events) {
            String eventId = event instanceof CartEvent cart ? cart.eventId() : ((OrderEvent) event).eventId();
            String commandId = event instanceof CartEvent cart ? cart.commandId() : ((OrderEvent) event).commandId();
            long version = event instanceof CartEvent cart ? cart.version() : ((OrderEvent) event).version();
            boolean rejection = event instanceof CartEvent.CommandRejected || event instanceof OrderEvent.CommandRejected;
            outcomes.merge(commandId, 1, Integer::sum);
            if (!eventIds.add(eventId)) {
                duplicateEventIds++;
                sample(aggregate + ": eventId " + eventId + " appears twice");
            }
            long expected = rejection ? current : current + 1;
            if (version != expected) {
                versionViolations++;
                sample(aggregate + ": " + event.getClass().getSimpleName() + " at version " + version
                        + " where " + expected + " was due");
            }
            current = rejection ? current : version;
        }
    }

    /** {@code [checkouts, order rejections]}; counts the violations. */
    private long[] saga(EventLog log) {
        Map<String, Integer> answers = new HashMap<>();
        Map<String, Integer> reopens = new HashMap<>();
        List<OrderEvent.OrderRejected> rejections = new ArrayList<>();
        log.orders().keySet().forEach(orderId -> log.order(orderId).forEach(event -> {
            if (event instanceof OrderEvent.OrderPlaced || event instanceof OrderEvent.OrderRejected) {
                answers.merge(orderId, 1, Integer::sum);
            }
            if (event instanceof OrderEvent.OrderRejected rejected) {
                rejections.add(rejected);
            }
        }));
        List<CartEvent.CartCheckedOut> checkouts = new ArrayList<>();
        log.carts().keySet().forEach(cartId -> log.cart(cartId).forEach(event -> {
            if (event instanceof CartEvent.CartCheckedOut checkout) {
                checkouts.add(checkout);
            } else if (event instanceof CartEvent.CartReopened reopened) {
                reopens.merge(reopened.orderId(), 1, Integer::sum);
            }
        }));
        for (CartEvent.CartCheckedOut checkout : checkouts) {
            int found = answers.getOrDefault(checkout.orderId(), 0);
            if (found != 1) {
                sagaViolations++;
                sample("cart " + checkout.cartId() + ": checkout " + checkout.orderId() + " has " + found + " order answers");
            }
        }
        if (answers.size() > checkouts.size()) {
            sagaViolations += answers.size() - checkouts.size();
            sample((answers.size() - checkouts.size()) + " orders answer no checkout");
        }
        for (OrderEvent.OrderRejected rejected : rejections) {
            int found = reopens.getOrDefault(rejected.orderId(), 0);
            if (found != 1) {
                sagaViolations++;
                sample("order " + rejected.orderId() + ": rejection has " + found + " CartReopened");
            }
        }
        return new long[] {checkouts.size(), rejections.size()};
    }

    private record DeadLetterMatch(long found, long headerMismatches, long unexpected) {
    }

    private DeadLetterMatch deadLetters(List<SentLog.Malformed> malformed, List<ConsumerRecord<byte[], byte[]>> letters) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byBytes = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            byBytes.computeIfAbsent(identity(letter.key(), letter.value()), key -> new ArrayList<>()).add(letter);
        }
        long found = 0;
        long mismatches = 0;
        for (SentLog.Malformed sent : malformed) {
            byte[] key = sent.record().key() == null ? null : sent.record().key().getBytes(StandardCharsets.UTF_8);
            List<ConsumerRecord<byte[], byte[]>> matches = byBytes.remove(identity(key, sent.record().value()));
            int count = matches == null ? 0 : matches.size();
            if (count != 1) {
                sample("malformed record " + sent.record().seq() + " (" + sent.record().expectedCode() + ") has "
                        + count + " dead letters");
                continue;
            }
            found++;
            ConsumerRecord<byte[], byte[]> letter = matches.get(0);
            if (!sent.record().expectedCode().equals(header(letter, DeadLetters.ERROR_CODE))
                    || !sent.record().topic().equals(header(letter, DeadLetters.SOURCE_TOPIC))
                    || !Long.toString(sent.offset()).equals(header(letter, DeadLetters.SOURCE_OFFSET))) {
                mismatches++;
                sample("malformed record " + sent.record().seq() + ": dead letter code " + header(letter,
                        DeadLetters.ERROR_CODE) + " from " + header(letter, DeadLetters.SOURCE_TOPIC) + "@"
                        + header(letter, DeadLetters.SOURCE_OFFSET) + ", expected " + sent.record().expectedCode()
                        + " from " + sent.record().topic() + "@" + sent.offset());
            }
        }
        long unexpected = byBytes.values().stream().mapToLong(List::size).sum();
        return new DeadLetterMatch(found, mismatches, unexpected);
    }

    private static String identity(byte[] key, byte[] value) {
        return (key == null ? "<null>" : Arrays.toString(key)) + "|" + Arrays.toString(value);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void sample(String violation) {
        if (samples.size() < SAMPLES) {
            samples.add(violation);
        }
    }
}
