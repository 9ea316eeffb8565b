package io.shopstreams.shopctl.dlq;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.shopstreams.service.tracing.Tracing;
import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.kafka.KafkaClients;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import io.shopstreams.shopctl.kafka.TopicScan;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Re-publishes chosen dead letters' original key and value bytes to their source topic (see
 * {@link DeadLetterRoute}), each tagged {@code shop.replay.of=P@O}, at most once ever (see {@link RepublishPlan}).
 *
 * <p>All records of one run go in one transaction of the fixed transactional id {@value #TRANSACTIONAL_ID},
 * initialised before the target topics are scanned for earlier re-publications: a run that starts later fences this one
 * (whose commit then fails, publishing nothing) and sees everything that an earlier run committed. So two runs,
 * even concurrent ones, never publish one dead letter twice.
 */
public final class DeadLetterRepublisher {
    /** Named after the CLI verb; a new name would not fence a run of an older shopctl. */
    public static final String TRANSACTIONAL_ID = "shopctl-dlq-replay";

    private final KafkaOptions kafka;
    private final PrintWriter out;

    DeadLetterRepublisher(KafkaOptions kafka, PrintWriter out) {
        this.kafka = kafka;
        this.out = out;
    }

    /** Returns the number of refused dead letters. */
    int republish(List<DeadLetter> chosen, boolean dryRun) {
        Set<String> targets = new TreeSet<>();
        chosen.forEach(letter -> {
            DeadLetterRoute route = DeadLetterRoute.of(letter.sourceTopic());
            if (route.allowed()) {
                targets.add(route.topic());
            }
        });
        if (dryRun) {
            return report(RepublishPlan.plan(chosen, history(targets)), Map.of(), true);
        }
        try (Producer<byte[], byte[]> producer = KafkaClients.transactionalProducer(kafka, TRANSACTIONAL_ID)) {
            producer.initTransactions();
            List<RepublishPlan.Step> steps = RepublishPlan.plan(chosen, history(targets));
            return report(steps, publish(producer, steps), false);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw CliFailure.failure("another dlq replay started meanwhile: this run re-published nothing;"
                    + " run it again once the other is done", e);
        } catch (UncertainCommit e) {
            throw CliFailure.failure("the re-published records' transaction failed to commit (" + e.getCause()
                    + "); whether Kafka applied it is not known: run dlq replay again, it skips every dead letter"
                    + " re-published before", e.getCause());
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unreachable(kafka.bootstrapServers());
        } catch (KafkaException e) {
            throw KafkaClients.failed("the re-published records", e, kafka.bootstrapServers());
        }
    }

    /** What earlier runs re-published to the target topics. */
    private RepublishPlan.History history(Set<String> targets) {
        RepublishPlan.History history = new RepublishPlan.History();
        for (String topic : targets) {
            TopicScan.read(kafka, topic, null, record -> {
                Header tag = record.headers().lastHeader(RepublishPlan.REPUBLISHED_FROM);
                if (tag != null && tag.value() != null) {
                    history.add(new String(tag.value(), StandardCharsets.UTF_8),
                            record.topic() + "-" + record.partition() + "@" + record.offset(), record.key(),
                            record.value());
                }
            });
        }
        return history;
    }

    /** Sends every step to publish in one transaction; returns where each landed. */
    private Map<RepublishPlan.Step, RecordMetadata> publish(Producer<byte[], byte[]> producer,
                                                         List<RepublishPlan.Step> steps) {
        List<RepublishPlan.Step> publishing = steps.stream().filter(RepublishPlan.Step::publish).toList();
        if (publishing.isEmpty()) {
            return Map.of();
        }
        producer.beginTransaction();
        Map<RepublishPlan.Step, Future<RecordMetadata>> pending = new IdentityHashMap<>();
        boolean acknowledged = false;
        try {
            for (RepublishPlan.Step step : publishing) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(RepublishPlan.REPUBLISHED_FROM, RepublishPlan.tag(step.letter()));
                if (step.letter().traceparent() != null) {
                    headers.add(Tracing.TRACEPARENT, step.letter().traceparent());
                }
                pending.put(step, producer.send(new ProducerRecord<>(step.topic(), null, null, step.letter().key(),
                        step.letter().value(), headers)));
            }
            producer.flush();
            for (Future<RecordMetadata> send : pending.values()) {
                sendFailure(send).ifPresent(failure -> {
                    throw failure;
                });
            }
            acknowledged = true;
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            // A later run's initTransactions bumped the epoch and aborted this transaction already. Under
            // transactions v2 (Kafka 4) a send of the older epoch fails with InvalidProducerEpochException.
            throw e;
        } catch (KafkaException e) {
            abort(producer, e);
            if (acknowledged) {
                // Only the commit failed. A commit racing another run's fencing has been answered
                // UNKNOWN_SERVER_ERROR by a Kafka 4 coordinator, with the transaction aborted; an unknown error
                // does not say which, so the run says so rather than guess.
                throw new UncertainCommit(e);
            }
            throw e;
        }
        Map<RepublishPlan.Step, RecordMetadata> landed = new IdentityHashMap<>();
        pending.forEach((step, future) -> landed.put(step, acknowledged(future)));
        return landed;
    }

    /** Ends the transaction now rather than at its timeout: until then it holds back read_committed consumers. */
    private static void abort(Producer<byte[], byte[]> producer, KafkaException failure) {
        try {
            producer.abortTransaction();
        } catch (KafkaException again) {
            failure.addSuppressed(again);
        }
    }

    /** How a flushed send failed, if it did. */
    private static java.util.Optional<KafkaException> sendFailure(Future<RecordMetadata> send) {
        try {
            send.get();
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failure("interrupted", e);
        } catch (ExecutionException e) {
            return java.util.Optional.of(e.getCause() instanceof KafkaException kafka ? kafka
                    : new KafkaException(e.getCause()));
        }
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failure("interrupted", e);
        } catch (ExecutionException e) {
            // Cannot happen after a successful commit; report it rather than guess.
            throw CliFailure.failure("a committed record reports a failure: " + e.getCause().getMessage(), e);
        }
    }

    private int report(List<RepublishPlan.Step> steps, Map<RepublishPlan.Step, RecordMetadata> landed, boolean dryRun) {
        int published = 0;
        int skipped = 0;
        int refused = 0;
        for (RepublishPlan.Step step : steps) {
            String letter = step.letter().describe();
            if (step.publish()) {
                published++;
                RecordMetadata at = landed.get(step);
                out.println(dryRun ? "would re-publish " + letter + " to " + step.topic()
                        : "re-published " + letter + " to " + at.topic() + "-" + at.partition() + "@" + at.offset());
            } else if (step.refused()) {
                refused++;
                out.println("refused " + letter + ": " + step.reason());
            } else {
                skipped++;
                out.println("skipped " + letter + ": " + step.reason());
            }
        }
        String counts = skipped + " skipped (re-published before), " + refused + " refused";
        if (dryRun) {
            out.println("dry run, nothing re-published: " + published + " would be, " + counts);
        } else if (published == 0) {
            out.println("nothing re-published: " + counts);
        } else {
            out.println("re-published " + published + ", " + counts);
        }
        out.flush();
        return refused;
    }

    /** The commit of a transaction whose sends all succeeded failed in a way that does not tell its outcome. */
    private static final class UncertainCommit extends RuntimeException {
        UncertainCommit(KafkaException cause) {
            super(cause);
        }
    }
}
