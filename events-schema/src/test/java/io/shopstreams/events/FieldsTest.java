package io.shopstreams.events;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FieldsTest {
    @Test
    void theIdCheckAgreesWithTheDocumentedPatternOnEveryString() {
        Random random = new Random(11);
        String alphabet = "aZ09._:-/ é\u0000\u00a0\uD83D\uDE00@#";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(70);
            for (int j = 0; j < length; j++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String id = value.toString();
            assertThat(Fields.isValidId(id)).as("\"%s\"", id).isEqualTo(Fields.ID.matcher(id).matches());
        }
        assertThat(Fields.isValidId("cart-1.a_b:c")).isTrue();
        assertThat(Fields.isValidId("x".repeat(64))).isTrue();
        assertThat(Fields.isValidId("x".repeat(65))).isFalse();
        assertThat(Fields.isValidId("")).isFalse();
        assertThat(Fields.isValidId(null)).isFalse();
    }
}
