package io.shopstreams.service.stream;

import io.shopstreams.events.CommandOutcome;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OutcomeMemoryTest {
    private static final CommandOutcome ACCEPTED =
            new CommandOutcome("c1", CommandOutcome.Status.ACCEPTED, null, null, 1);

    private KeyValueStore<String, byte[]> store;
    private OutcomeMemory memory;

    @BeforeEach
    void open() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("outcomes"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        memory = new OutcomeMemory(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void remembers_a_cause_per_aggregate() {
        memory.remember("cart-1", "c1", ACCEPTED, 10L);

        assertThat(memory.alreadyDecided("cart-1", "c1")).isTrue();
        assertThat(memory.alreadyDecided("cart-2", "c1")).isFalse();
        assertThat(memory.alreadyDecided("cart-1", "c2")).isFalse();
        assertThat(OutcomeMemory.find(store, "cart-1", "c1")).contains(ACCEPTED);
        assertThat(OutcomeMemory.decode(store.get("cart-1|c1"))).isEqualTo(new OutcomeMemory.Remembered(ACCEPTED, 10L));
    }

    @Test
    void a_sweep_looks_at_one_slice_deletes_what_is_older_than_the_cutoff_and_the_next_goes_on_from_there() {
        // a|1 @ 1, a|2 @ 20, a|3 @ 3, a|4 @ 40, a|5 @ 5
        for (int i = 1; i <= 5; i++) {
            memory.remember("a", String.valueOf(i), ACCEPTED, i % 2 == 0 ? i * 10L : i);
        }

        assertThat(memory.expire(10L, 2)).isEqualTo(1);
        assertThat(keys()).containsExactly("a|2", "a|3", "a|4", "a|5");
        assertThat(memory.expire(10L, 2)).isEqualTo(1);
        assertThat(keys()).containsExactly("a|2", "a|4", "a|5");
        assertThat(memory.expire(10L, 2)).isEqualTo(1);
        assertThat(keys()).containsExactly("a|2", "a|4");
        // The previous sweep reached the end: this one starts from the first key again.
        assertThat(memory.expire(30L, 1)).isEqualTo(1);
        assertThat(keys()).containsExactly("a|4");
    }

    @Test
    void a_sweep_of_an_empty_store_deletes_nothing() {
        assertThat(memory.expire(Long.MAX_VALUE, 10)).isZero();
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
