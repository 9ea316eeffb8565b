package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One concrete message type, e.g. {@code cart-commands/AddItem}. The list comes from the {@link JsonSubTypes}
 * annotations the codec itself uses, so a type added there is at once expected to have a sample and a schema.
 */
record MessageType(Hierarchy hierarchy, String name, Class<?> type) {

    /** The golden samples, one per type: documentation that the tests hold to the codec's exact bytes. */
    static final Path SAMPLES = Path.of("src/main/resources/samples");
    static final Path SCHEMAS = Path.of("src/main/resources/schemas");
    /** Frozen copies of every sample ever committed; see compat/README.md. */
    static final Path COMPAT = Path.of("src/test/resources/compat");

    /** A message hierarchy; its directory name is the topic it travels on. */
    enum Hierarchy {
        CART_COMMANDS(Topics.CART_COMMANDS.name(), JsonCodec.CART_COMMANDS, "cartId"),
        CART_EVENTS(Topics.CART_EVENTS.name(), JsonCodec.CART_EVENTS, "cartId"),
        ORDER_COMMANDS(Topics.ORDER_COMMANDS.name(), JsonCodec.ORDER_COMMANDS, "orderId"),
        ORDER_EVENTS(Topics.ORDER_EVENTS.name(), JsonCodec.ORDER_EVENTS, "orderId"),
        PRODUCTS(Topics.PRODUCTS.name(), JsonCodec.PRODUCTS, "sku");

        final String dir;
        final JsonCodec<?> codec;
        final String key;

        Hierarchy(String dir, JsonCodec<?> codec, String key) {
            this.dir = dir;
            this.codec = codec;
            this.key = key;
        }

        static Hierarchy ofDir(String dir) {
            return Arrays.stream(values()).filter(h -> h.dir.equals(dir)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no message hierarchy for directory " + dir));
        }

        List<MessageType> types() {
            JsonSubTypes subTypes = codec.type().getAnnotation(JsonSubTypes.class);
            if (subTypes == null) {
                return List.of(new MessageType(this, codec.type().getSimpleName(), codec.type()));
            }
            return Arrays.stream(subTypes.value()).map(t -> new MessageType(this, t.name(), t.value())).toList();
        }
    }

    static List<MessageType> all() {
        return Arrays.stream(Hierarchy.values()).flatMap(h -> h.types().stream()).toList();
    }

    static Stream<MessageType> stream() {
        return all().stream();
    }

    static MessageType of(String dir, String name) {
        return Hierarchy.ofDir(dir).types().stream().filter(t -> t.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message type " + dir + "/" + name));
    }

    Path sample() {
        return SAMPLES.resolve(hierarchy.dir).resolve(name + ".json");
    }

    Path schema() {
        return SCHEMAS.resolve(hierarchy.dir).resolve(name + ".schema.json");
    }

    JsonCodec<?> codec() {
        return hierarchy.codec;
    }

    /** Used as the display name of parameterized tests. */
    @Override
    public String toString() {
        return hierarchy.dir + "/" + name;
    }
}
