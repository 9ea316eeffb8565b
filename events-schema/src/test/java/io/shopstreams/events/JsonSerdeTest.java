package io.shopstreams.events;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonSerdeTest {

    @Test
    void a_null_product_stays_null_both_ways_because_it_is_the_catalogs_tombstone() {
        Serde<Object> serde = serdeOf(MessageType.Hierarchy.PRODUCTS);

        assertThat(serde.serializer().serialize(Topics.PRODUCTS.name(), null)).isNull();
        assertThat(serde.deserializer().deserialize(Topics.PRODUCTS.name(), null)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.Hierarchy.class, names = "PRODUCTS", mode = EnumSource.Mode.EXCLUDE)
    void a_null_command_or_event_is_bad_input_not_a_tombstone(MessageType.Hierarchy hierarchy) {
        Serde<Object> serde = serdeOf(hierarchy);

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> serde.deserializer().deserialize(hierarchy.dir, null));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.shopstreams.events.MessageType#all")
    void every_sample_goes_through_its_topic_serde_unchanged(MessageType type) {
        Serde<Object> serde = serdeOf(type.hierarchy());
        byte[] sample = Samples.message(type.sample());

        Object message = serde.deserializer().deserialize(type.hierarchy().dir, sample);

        assertThat(message).isExactlyInstanceOf(type.type());
        assertThat(serde.serializer().serialize(type.hierarchy().dir, message)).isEqualTo(sample);
    }

    @Test
    void bad_bytes_fail_with_an_invalid_message_exception_carrying_the_code() {
        byte[] bad = "not json".getBytes(StandardCharsets.UTF_8);

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> Topics.CART_COMMANDS.valueSerde().deserializer().deserialize(Topics.CART_COMMANDS.name(), bad));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_JSON);
    }

    @Test
    void an_empty_value_is_not_a_tombstone_but_an_error() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> Topics.PRODUCTS.valueSerde().deserializer().deserialize(Topics.PRODUCTS.name(), new byte[0]));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_VALUE);
    }

    @Test
    void exposes_the_codec_it_wraps() {
        assertThat(Topics.ORDER_EVENTS.valueSerde()).isInstanceOfSatisfying(JsonSerde.class,
                serde -> assertThat(serde.codec()).isSameAs(JsonCodec.ORDER_EVENTS));
    }

    @SuppressWarnings("unchecked")
    static Serde<Object> serdeOf(MessageType.Hierarchy hierarchy) {
        Serde<?> serde = switch (hierarchy) {
            case CART_COMMANDS -> Topics.CART_COMMANDS.valueSerde();
            case CART_EVENTS -> Topics.CART_EVENTS.valueSerde();
            case ORDER_COMMANDS -> Topics.ORDER_COMMANDS.valueSerde();
            case ORDER_EVENTS -> Topics.ORDER_EVENTS.valueSerde();
            case PRODUCTS -> Topics.PRODUCTS.valueSerde();
        };
        return (Serde<Object>) serde;
    }
}
