package io.shopstreams.shopctl.tail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.Topic;
import io.shopstreams.events.Topics;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The project's topics that {@code tail} prints, each the {@link Topic} of {@link Topics} that knows its serdes. */
public enum ProjectTopic {
    PRODUCTS(Topics.PRODUCTS),
    CART_COMMANDS(Topics.CART_COMMANDS),
    CART_EVENTS(Topics.CART_EVENTS),
    ORDER_COMMANDS(Topics.ORDER_COMMANDS),
    ORDER_EVENTS(Topics.ORDER_EVENTS),
    /** Original bytes of records that could not be read; no message to decode, the error is in the headers. */
    DEAD_LETTERS(Topics.DEAD_LETTERS);

    private final Topic<?, ?> topic;

    ProjectTopic(Topic<?, ?> topic) {
        this.topic = topic;
    }

    String topicName() {
        return topic.name();
    }

    /**
     * The value decoded by the topic's value serde and encoded again, i.e. the message as compact JSON; null for
     * a tombstone on a topic that allows them (the compacted catalog).
     *
     * @throws InvalidMessageException when the value is no message of this topic (also a null one elsewhere)
     */
    String reencode(byte[] value) {
        return reencode(topic, value);
    }

    private static <V> String reencode(Topic<?, V> topic, byte[] value) {
        V message = topic.valueSerde().deserializer().deserialize(topic.name(), value);
        return message == null ? null
                : new String(topic.valueSerde().serializer().serialize(topic.name(), message), StandardCharsets.UTF_8);
    }

    static String names() {
        return Arrays.stream(values()).map(ProjectTopic::topicName).collect(Collectors.joining(", "));
    }

    /** Converts a topic name on the command line; an unknown one is a usage error listing the valid names. */
    public static final class Converter implements ITypeConverter<ProjectTopic> {
        @Override
        public ProjectTopic convert(String value) {
            return Arrays.stream(values()).filter(topic -> topic.topicName().equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException(
                            "unknown topic '" + value + "': one of " + names()));
        }
    }
}
