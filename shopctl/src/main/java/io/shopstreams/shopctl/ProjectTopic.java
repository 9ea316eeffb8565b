package io.shopstreams.shopctl;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.TopicNames;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The project's topics (CONTRACT section 2), each with the codec of its values. */
enum ProjectTopic {
    PRODUCTS(TopicNames.PRODUCTS, JsonCodec.PRODUCTS),
    CART_COMMANDS(TopicNames.CART_COMMANDS, JsonCodec.CART_COMMANDS),
    CART_EVENTS(TopicNames.CART_EVENTS, JsonCodec.CART_EVENTS),
    ORDER_COMMANDS(TopicNames.ORDER_COMMANDS, JsonCodec.ORDER_COMMANDS),
    ORDER_EVENTS(TopicNames.ORDER_EVENTS, JsonCodec.ORDER_EVENTS),
    /** Original bytes of records that could not be read; no codec, the error is in the headers. */
    DEAD_LETTERS(TopicNames.DEAD_LETTERS, null);

    private final String topicName;
    private final JsonCodec<?> codec;

    ProjectTopic(String topicName, JsonCodec<?> codec) {
        this.topicName = topicName;
        this.codec = codec;
    }

    String topicName() {
        return topicName;
    }

    /** The codec of the values, or null for {@link #DEAD_LETTERS}. */
    JsonCodec<?> codec() {
        return codec;
    }

    /** A null value is a tombstone, not an error, on a compacted topic. */
    boolean tombstonesAllowed() {
        return this == PRODUCTS;
    }

    static String names() {
        return Arrays.stream(values()).map(ProjectTopic::topicName).collect(Collectors.joining(", "));
    }

    /** Converts a topic name on the command line; an unknown one is a usage error listing the valid names. */
    static final class Converter implements ITypeConverter<ProjectTopic> {
        @Override
        public ProjectTopic convert(String value) {
            return Arrays.stream(values()).filter(topic -> topic.topicName.equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException(
                            "unknown topic '" + value + "': one of " + names()));
        }
    }
}
