package io.shopstreams.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast reader against its oracle, {@code DateTimeFormatter.ISO_INSTANT}: whatever it reads must mean what the
 * general parser reads, and whatever it does not read goes to the general parser, so the codec's accepted set is
 * unchanged.
 */
class CanonicalInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T12:03:17.250Z", "2026-11-26T12:00:00Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9Z", "2026-01-01T00:00:00.000000001Z", "2026-07-04T09:08:07.12345Z"})
    void reads_the_canonical_shape_as_the_general_parser_does(String text) {
        assertThat(CanonicalInstants.parse(text)).isEqualTo(iso(text)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T23:59:60Z", "2026-11-26T24:00:00Z", "2026-11-26T12:00:00+01:00",
            "+12026-11-26T12:00:00Z", "-0001-11-26T12:00:00Z", " 2026-11-26T12:00:00Z", "2026-11-26t12:00:00Z",
            "2026-11-26T12:00:00z", "2026-11-26T12:00:00.Z", "2026-11-26T12:00:00.1234567890Z",
            "2026-11-26T12:00Z", "2026-11-26 12:00:00Z", "2026-11-26T12:00:00"})
    void leaves_every_other_shape_to_the_general_parser(String text) {
        assertThat(CanonicalInstants.parse(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-26T12:60:00Z", "2026-11-26T12:00:61Z",
            "2026-11-2aT12:00:00Z", "2026-11-26T12:00:00.12a4Z"})
    void does_not_read_what_is_no_instant(String text) {
        assertThat(CanonicalInstants.parse(text)).isNull();
        assertThat(iso(text)).isNull();
    }

    /** Seeded random strings near the canonical shape: each one read alike by both, or left to the general one. */
    @Test
    void agrees_with_the_general_parser_on_100000_strings_near_the_shape() {
        Random random = new Random(20261204);
        int read = 0;
        for (int i = 0; i < 100_000; i++) {
            String text = nearlyCanonical(random);
            Instant fast = CanonicalInstants.parse(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(iso(text));
                read++;
            }
        }
        // Most of them are canonical: the test is about them, not only about refusals.
        assertThat(read).isGreaterThan(50_000);
    }

    @Test
    void the_codec_still_names_a_date_that_does_not_exist() {
        String event = """
                {"type":"CartCleared","eventId":"0b7c3e52-9d1a-4f6e-8b2c-5a4d3e2f1b0c","cartId":"cart-42",\
                "commandId":"5c1e9d0a-3f4b-4e8a-9c2d-7b6a5f4e3d21","version":3,"occurredAt":"2026-02-30T12:00:00Z",\
                "schemaVersion":1}""";
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(InvalidMessageException.class,
                () -> JsonCodec.CART_EVENTS.decode(event)).code()).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    private static String nearlyCanonical(Random random) {
        StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000),
                random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61)));
        int fraction = random.nextInt(12) - 1;
        if (fraction >= 0) {
            text.append('.');
            for (int d = 0; d < fraction; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(20) > 0) {
            text.append('Z');
        }
        if (random.nextInt(50) == 0) {
            text.setCharAt(random.nextInt(text.length()), (char) (' ' + random.nextInt(95)));
        }
        return text.toString();
    }

    private static Instant iso(String text) {
        try {
            return Instant.from(DateTimeFormatter.ISO_INSTANT.parse(text));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
