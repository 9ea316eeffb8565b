package io.shopstreams.shopctl.tail;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.kafka.KafkaClients;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shopctl tail TOPIC}: prints a project topic's records, one line each (see {@link RecordFormatter}).
 * It joins no consumer group and commits nothing: it reads every partition itself, from the end (or the
 * beginning), so it can never take records away from a service and leaves no state behind when interrupted.
 */
@Command(name = "tail",
        description = {"Print a topic's records as 'partition@offset key value', values decoded.",
                "Stops after --max records or --timeout-ms without records, else runs until Ctrl-C."})
public final class TailCommand implements Callable<Integer> {
    private static final long POLL_MS = 500;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TOPIC", converter = ProjectTopic.Converter.class,
            description = "products, cart-commands, cart-events, order-commands, order-events or dead-letters.")
    private ProjectTopic topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the end.")
    private boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    private Long max;

    @Option(names = "--timeout-ms", paramLabel = "T", description = "Stop after T ms without a new record.")
    private Long timeoutMs;

    @Mixin
    private KafkaOptions kafka;

    @Override
    public Integer call() {
        requirePositive("--max", max);
        requirePositive("--timeout-ms", timeoutMs);
        PrintWriter out = spec.commandLine().getOut();
        try (Consumer<byte[], byte[]> consumer = KafkaClients.consumer(kafka)) {
            List<TopicPartition> partitions = KafkaClients.partitions(consumer, topic.topicName(),
                    kafka.bootstrapServers());
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            // Resolve the start now, so that every record produced after this point is shown.
            partitions.forEach(consumer::position);
            print(consumer, out);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unreachable(kafka.bootstrapServers());
        }
        return ExitCodes.OK;
    }

    private void print(Consumer<byte[], byte[]> consumer, PrintWriter out) {
        long printed = 0;
        long lastRecord = System.nanoTime();
        Duration poll = Duration.ofMillis(timeoutMs == null ? POLL_MS : Math.min(POLL_MS, timeoutMs));
        while (max == null || printed < max) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(poll);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (max != null && printed >= max) {
                    break;
                }
                out.println(RecordFormatter.format(topic, record));
                printed++;
            }
            out.flush();
            if (out.checkError()) {
                return; // stdout closed, e.g. piped into head
            }
            if (!records.isEmpty()) {
                lastRecord = System.nanoTime();
            } else if (timeoutMs != null && System.nanoTime() - lastRecord >= timeoutMs * 1_000_000) {
                return;
            }
        }
    }

    private void requirePositive(String option, Long value) {
        if (value != null && value <= 0) {
            throw new ParameterException(spec.commandLine(), option + " must be positive, got " + value);
        }
    }
}
