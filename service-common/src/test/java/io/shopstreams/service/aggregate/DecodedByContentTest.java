package io.shopstreams.service.aggregate;

import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodedByContentTest {
    private static final String MUG = "{\"sku\":\"sku-mug\",\"name\":\"Enamel mug\",\"priceCents\":1250,"
            + "\"currency\":\"EUR\",\"active\":true}";

    private final AtomicInteger decodings = new AtomicInteger();
    private final Deserializer<Product> counting = (topic, data) -> {
        decodings.incrementAndGet();
        return Topics.PRODUCTS.valueSerde().deserializer().deserialize(topic, data);
    };

    @Test
    void equal_bytes_are_decoded_once_and_answer_the_same_product() {
        DecodedByContent<Product> products = new DecodedByContent<>(counting, 10);

        Product first = products.deserialize("products", bytes(MUG));
        Product second = products.deserialize("products", bytes(MUG));

        assertThat(second).isSameAs(first);
        assertThat(first.priceCents()).isEqualTo(1250);
        assertThat(decodings).hasValue(1);
    }

    @Test
    void a_changed_product_is_decoded_anew_never_answered_stale() {
        DecodedByContent<Product> products = new DecodedByContent<>(counting, 10);
        products.deserialize("products", bytes(MUG));

        Product repriced = products.deserialize("products", bytes(MUG.replace("1250", "1400")));

        assertThat(repriced.priceCents()).isEqualTo(1400);
        assertThat(products.deserialize("products", bytes(MUG)).priceCents()).isEqualTo(1250);
        assertThat(decodings).hasValue(2);
    }

    @Test
    void what_fails_to_decode_fails_every_time_and_is_not_kept() {
        DecodedByContent<Product> products = new DecodedByContent<>(counting, 10);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> products.deserialize("products", bytes("{\"sku\":\"sku-mug\"}")))
                    .isInstanceOf(InvalidMessageException.class);
        }
        assertThat(products.size()).isZero();
        assertThat(products.deserialize("products", null)).isNull();
    }

    @Test
    void keeps_at_most_its_bound_and_starts_over_when_full() {
        DecodedByContent<Product> products = new DecodedByContent<>(counting, 3);

        for (int i = 0; i < 4; i++) {
            products.deserialize("products", bytes(MUG.replace("sku-mug", "sku-" + i)));
        }

        assertThat(products.size()).isEqualTo(1);
        assertThat(products.deserialize("products", bytes(MUG.replace("sku-mug", "sku-3"))).sku()).isEqualTo("sku-3");
        assertThat(decodings).hasValue(4);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
