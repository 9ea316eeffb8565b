package io.shopstreams.service.aggregate;

import io.shopstreams.events.Topics;
import io.shopstreams.service.stream.CommandDecoder;
import io.shopstreams.service.stream.DeadLetterWriter;
import io.shopstreams.service.stream.Decoded;
import io.shopstreams.service.stream.KeyPartitioner;
import io.shopstreams.service.stream.KeyedCommand;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.util.Map;

/**
 * The front of every service's topology: command topic (raw bytes) -> decode -> the invalid to
 * {@code dead-letters} with their original bytes -> the valid keyed by aggregate id, on the task that owns the
 * aggregate. A command already on its owner's partition (its producer used Kafka's default partitioner on the
 * aggregate id, as the Java client, our HTTP API and shopctl do) is decided where it is, in the same
 * transaction that consumed it; any other (librdkafka's default partitioner, an explicit partition) takes the
 * repartition topic to its owner first. One producer's commands for one aggregate all take the same path, so
 * they keep their order. Every node is named after the aggregate's noun, so the internal topics keep their
 * names as the topology grows.
 */
public final class CommandFront {
    private CommandFront() {
    }

    /**
     * @param service      the service named in dead letters' headers
     * @param repartition  the repartition topic's name (Kafka Streams prefixes the application id)
     * @param partitions   its partition count: that of the aggregate's event topic, so that commands and
     *                     the other inputs of one aggregate meet on one task
     */
    public static <C> KStream<String, C> commands(StreamsBuilder builder, CommandChannel<C> channel, String service,
                                                  String repartition, int partitions) {
        String noun = channel.noun();
        Map<String, KStream<byte[], Decoded<KeyedCommand<C>>>> decoded = builder
                .stream(channel.topic().name(), TopicStreams.consumed(channel.topic().asBytes(),
                        noun + "-commands-source"))
                .processValues(() -> new CommandDecoder<>(channel.codec(), channel.bodyAggregateId(),
                        channel.idField()), Named.as(noun + "-command-decoder"))
                .split(Named.as(noun + "-commands-"))
                .branch((key, command) -> command.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        decoded.get(noun + "-commands-invalid")
                .process(() -> new DeadLetterWriter<byte[], KeyedCommand<C>>(service),
                        Named.as(noun + "-command-dead-letters"))
                .to(Topics.DEAD_LETTERS.name(), TopicStreams.produced(Topics.DEAD_LETTERS, noun + "-dead-letters-sink"));
        Map<String, KStream<byte[], Placed<C>>> placed = decoded.get(noun + "-commands-valid")
                .processValues(() -> new Placement<C>(partitions), Named.as(noun + "-command-placement"))
                .split(Named.as(noun + "-commands-placed-"))
                .branch((key, command) -> command.onOwnersPartition(), Branched.as("in-place"))
                .defaultBranch(Branched.as("misplaced"));
        KStream<String, C> rerouted = byAggregateId(placed.get(noun + "-commands-placed-misplaced"),
                noun + "-command-by-" + noun + "-id")
                .repartition(TopicStreams.repartitioned(channel.topic(), repartition, partitions));
        return byAggregateId(placed.get(noun + "-commands-placed-in-place"), noun + "-command-in-place")
                .merge(rerouted, Named.as(noun + "-commands-to-decide"));
    }

    private static <C> KStream<String, C> byAggregateId(KStream<byte[], Placed<C>> commands, String name) {
        return commands.map((key, placed) -> KeyValue.pair(placed.command().aggregateId(), placed.command().command()),
                Named.as(name));
    }

    /** A valid command, and whether the partition it was read from is the one its aggregate id hashes to. */
    record Placed<C>(KeyedCommand<C> command, boolean onOwnersPartition) {
    }

    /**
     * Tags each command with its placement. The record key's bytes are the aggregate id's UTF-8 (the decoder
     * checked that), which is what the repartition's producer would hash, so the test is exact.
     */
    private static final class Placement<C>
            extends ContextualFixedKeyProcessor<byte[], Decoded<KeyedCommand<C>>, Placed<C>> {
        private final int partitions;

        Placement(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public void process(FixedKeyRecord<byte[], Decoded<KeyedCommand<C>>> record) {
            int owner = KeyPartitioner.partitionOf(record.key(), partitions);
            boolean inPlace = context().recordMetadata().map(meta -> meta.partition() == owner).orElse(false);
            context().forward(record.withValue(new Placed<>(record.value().value(), inPlace)));
        }
    }
}
