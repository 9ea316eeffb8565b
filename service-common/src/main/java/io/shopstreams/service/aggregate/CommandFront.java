package io.shopstreams.service.aggregate;

import io.shopstreams.events.Topics;
import io.shopstreams.service.stream.CommandDecoder;
import io.shopstreams.service.stream.DeadLetterWriter;
import io.shopstreams.service.stream.Decoded;
import io.shopstreams.service.stream.KeyedCommand;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import java.util.Map;

/**
 * The front of every service's topology: command topic (raw bytes) -> decode -> the invalid to
 * {@code dead-letters} with their original bytes -> the valid re-keyed by aggregate id and repartitioned. The
 * repartition puts every command on the task that owns its aggregate, whatever partitioner its producer used
 * (librdkafka's default differs from the Java client's). Every node is named after the aggregate's noun, so the
 * internal topics keep their names as the topology grows.
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
        Map<String, KStream<byte[], Decoded<KeyedCommand<C>>>> branches = builder
                .stream(channel.topic().name(), TopicStreams.consumed(channel.topic().asBytes(),
                        noun + "-commands-source"))
                .processValues(() -> new CommandDecoder<>(channel.codec(), channel.bodyAggregateId(),
                        channel.idField()), Named.as(noun + "-command-decoder"))
                .split(Named.as(noun + "-commands-"))
                .branch((key, decoded) -> decoded.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        branches.get(noun + "-commands-invalid")
                .process(() -> new DeadLetterWriter<byte[], KeyedCommand<C>>(service),
                        Named.as(noun + "-command-dead-letters"))
                .to(Topics.DEAD_LETTERS.name(), TopicStreams.produced(Topics.DEAD_LETTERS, noun + "-dead-letters-sink"));
        return branches.get(noun + "-commands-valid")
                .map((key, decoded) -> KeyValue.pair(decoded.value().aggregateId(), decoded.value().command()),
                        Named.as(noun + "-command-by-" + noun + "-id"))
                .repartition(TopicStreams.repartitioned(channel.topic(), repartition, partitions));
    }
}
