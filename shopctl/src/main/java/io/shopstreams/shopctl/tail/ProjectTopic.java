package io.shopstreams.shopctl.tail;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Topics;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The project's topics (CONTRACT section 2), each with the codec of its values. */
public enum ProjectTopic {
    PRODUCTS(Topics.PRODUCTS.name(), JsonCodec.PRODUCTS),
    CART_COMMANDS(Topics.CART_COMMANDS.name(), JsonCodec.CART_COMMANDS),
    CART_EVENTS(Topics.CART_EVENTS.name(), JsonCodec.CART_EVENTS),
    ORDER_COMMANDS(Topics.ORDER_COMMANDS.name(), JsonCodec.ORDER_COMMANDS),
    ORDER_EVENTS(Topics.ORDER_EVENTS.name(), JsonCodec.ORDER_EVENTS),
    /** Original bytes of records that could not be read; no codec, the error is in the headers. */
    DEAD_LETTERS(Topics.DEAD_LETTERS.name(), null);

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
