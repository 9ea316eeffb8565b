package io.shopstreams.service.replay;

import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FoldSpaceTest {

    @Test
    void eachMapKeepsItsOwnEntriesInKeyOrderAndTheLastPutWins() {
        try (FoldSpace space = FoldSpace.temporary()) {
            FoldSpace.FoldMap<String> first = space.map(Serdes.String());
            FoldSpace.FoldMap<Long> second = space.map(Serdes.Long());
            first.put("cart-2", "b");
            first.put("cart-10", "a");
            first.put("cart-2", "b2");
            first.put("kärt", "ü");
            second.put("cart-2", 7L);

            assertThat(first.get("cart-2")).isEqualTo("b2");
            assertThat(first.get("cart-3")).isNull();
            assertThat(second.get("cart-10")).isNull();
            Map<String, String> entries = new LinkedHashMap<>();
            first.forEach(entries::put);
            assertThat(entries).containsExactly(Map.entry("cart-10", "a"), Map.entry("cart-2", "b2"),
                    Map.entry("kärt", "ü"));
            Map<String, String> serialized = new LinkedHashMap<>();
            first.forEachSerialized((key, bytes) -> serialized.put(key, new String(bytes, StandardCharsets.UTF_8)));
            assertThat(serialized).isEqualTo(entries);
            List<String> secondKeys = new ArrayList<>();
            second.forEach((key, value) -> secondKeys.add(key + "=" + value));
            assertThat(secondKeys).containsExactly("cart-2=7");
        }
    }

    /** Far more entries than a memtable holds: they reach the disk, and all are read back. */
    @Test
    void entriesBeyondMemoryAreReadBackFromDisk() {
        Path directory;
        try (FoldSpace space = FoldSpace.temporary()) {
            FoldSpace.FoldMap<String> map = space.map(Serdes.String());
            String value = "x".repeat(200);
            for (int i = 0; i < 300_000; i++) {
                map.put("cart-" + i, value + i);
            }
            assertThat(map.get("cart-0")).isEqualTo(value + 0);
            assertThat(map.get("cart-299999")).isEqualTo(value + 299999);
            long[] count = {0};
            map.forEach((key, read) -> count[0]++);
            assertThat(count[0]).isEqualTo(300_000);
            directory = space.directory();
            assertThat(directory).exists();
        }
        assertThat(directory).doesNotExist();
    }
}
