package io.shopstreams.service;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The order-independent store fingerprint behind {@code /admin/digest}. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreDigestTest {

    private record Item(String sku, long cents) {
    }

    private static StoreDigest of(Map<String, Object> entries, List<String> order) {
        StoreDigest digest = new StoreDigest();
        order.forEach(key -> digest.add(key, entries.get(key)));
        return digest;
    }

    private static final Map<String, Object> ENTRIES = Map.of(
            "cart-1", new Item("sku-mug", 1299),
            "cart-2", new Item("sku-tea", 450),
            "cart-3", new Item("sku-hat", 2500));

    @Test
    void does_not_depend_on_the_order_entries_are_added() {
        StoreDigest one = of(ENTRIES, List.of("cart-1", "cart-2", "cart-3"));
        StoreDigest other = of(ENTRIES, List.of("cart-3", "cart-1", "cart-2"));

        assertThat(other.count()).isEqualTo(one.count()).isEqualTo(3);
        assertThat(other.hex()).isEqualTo(one.hex()).hasSize(16);
    }

    @Test
    void combines_partial_digests_into_the_digest_of_the_whole() {
        StoreDigest partitionA = of(ENTRIES, List.of("cart-2"));
        StoreDigest partitionB = of(ENTRIES, List.of("cart-3", "cart-1"));
        StoreDigest combined = new StoreDigest();
        combined.add(partitionB.count(), StoreDigest.parseHex(partitionB.hex()));
        combined.add(partitionA.count(), StoreDigest.parseHex(partitionA.hex()));

        StoreDigest whole = of(ENTRIES, List.of("cart-1", "cart-2", "cart-3"));
        assertThat(combined.count()).isEqualTo(whole.count());
        assertThat(combined.hex()).isEqualTo(whole.hex());
    }

    @Test
    void changes_with_any_value_or_key() {
        String base = of(ENTRIES, List.of("cart-1", "cart-2")).hex();

        StoreDigest otherValue = new StoreDigest();
        otherValue.add("cart-1", new Item("sku-mug", 1300));
        otherValue.add("cart-2", ENTRIES.get("cart-2"));
        StoreDigest otherKey = new StoreDigest();
        otherKey.add("cart-9", ENTRIES.get("cart-1"));
        otherKey.add("cart-2", ENTRIES.get("cart-2"));

        assertThat(otherValue.hex()).isNotEqualTo(base);
        assertThat(otherKey.hex()).isNotEqualTo(base);
    }

    @Test
    void of_an_empty_store_is_zero() {
        StoreDigest empty = new StoreDigest();

        assertThat(empty.count()).isZero();
        assertThat(empty.hex()).isEqualTo("0000000000000000");
    }

    @Test
    void round_trips_through_hex_including_sums_with_the_high_bit_set() {
        StoreDigest digest = new StoreDigest();
        digest.add(1, -2L);

        assertThat(digest.hex()).isEqualTo("fffffffffffffffe");
        assertThat(StoreDigest.parseHex(digest.hex())).isEqualTo(digest.sum());
    }
}
