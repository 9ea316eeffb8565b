package io.shopstreams.chaos;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DigestsTest {
    private static final String CART_A = "{\"stores\":{\"cart-store\":{\"digest\":\"8feb\",\"count\":1717}},\"instances\":2}";

    @Test
    void theSameStoresInAnotherKeyOrderAreEqual() {
        assertThat(Digests.sameStores(List.of(CART_A,
                "{\"instances\":2,\"stores\":{\"cart-store\":{\"count\":1717,\"digest\":\"8feb\"}}}"))).isTrue();
    }

    @Test
    void anotherDigestOrCountOrAnAnswerWithoutStoresIsUnequal() {
        assertThat(Digests.sameStores(List.of(CART_A,
                "{\"stores\":{\"cart-store\":{\"digest\":\"8fec\",\"count\":1717}},\"instances\":2}"))).isFalse();
        assertThat(Digests.sameStores(List.of(CART_A,
                "{\"stores\":{\"cart-store\":{\"digest\":\"8feb\",\"count\":1716}},\"instances\":2}"))).isFalse();
        assertThat(Digests.sameStores(List.of(CART_A, "{\"error\":\"UNAVAILABLE\"}"))).isFalse();
        assertThat(Digests.sameStores(List.of(CART_A, "not json"))).isFalse();
    }
}
