package io.shopstreams.service.stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every store gets the shared budget: its memtables sized from it, index and filter blocks in the cache. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BoundedRocksDbMemoryTest {
    static {
        RocksDB.loadLibrary();
    }

    @Test
    void sizes_each_store_from_the_one_budget() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedRocksDbMemory().setConfig("cart-store", options,
                    Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 96L * 1024 * 1024));

            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(options.writeBufferSize()).isEqualTo(16L * 1024 * 1024);
            assertThat(options.maxWriteBufferNumber()).isEqualTo(3);
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(table.blockSize()).isEqualTo(4096);
        }
    }

    @Test
    void reads_the_budget_as_the_service_puts_it_or_as_text() {
        assertThat(BoundedRocksDbMemory.budget(Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 1024L))).isEqualTo(1024);
        assertThat(BoundedRocksDbMemory.budget(Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, "2048"))).isEqualTo(2048);
        assertThatThrownBy(() -> BoundedRocksDbMemory.budget(Map.of()))
                .hasMessage("shop.rocksdb.memory.bytes is not set");
    }
}
