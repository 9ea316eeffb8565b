package io.shopstreams.service.stream;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One memory budget for all RocksDB stores of the process (docs/configuration.md, "Memory"): by default each
 * store instance has its own block cache and memtables, so RocksDB's memory grows with the partitions an
 * instance holds. Here they share one LRU cache of {@value #MEMORY_BYTES_CONFIG} bytes, which also accounts
 * for the memtables (half of it at most), as in Kafka Streams' memory-management guide.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** The budget in bytes, put into the Kafka Streams configuration by the service. */
    public static final String MEMORY_BYTES_CONFIG = "shop.rocksdb.memory.bytes";
    private static final double INDEX_FILTER_SHARE = 0.1;
    private static final long BLOCK_SIZE = 4 * 1024;
    private static final int MEMTABLES = 3;

    private record Shared(Cache cache, WriteBufferManager writeBuffers, long budget) {
    }

    /** One budget per size: the stores of the process share it (one service per process in production). */
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared shared = SHARED.computeIfAbsent(budget(configs), bytes -> {
            Cache cache = new LRUCache(bytes, -1, false, INDEX_FILTER_SHARE);
            return new Shared(cache, new WriteBufferManager(bytes / 2, cache), bytes);
        });
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        // Index and filter blocks in the budget too, kept in its high-priority share.
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setMaxWriteBufferNumber(MEMTABLES);
        options.setWriteBufferSize(Math.max(1024 * 1024, shared.budget() / 2 / MEMTABLES));
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store: never closed with one of them.
    }

    static long budget(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_BYTES_CONFIG);
        if (value == null) {
            throw new IllegalStateException(MEMORY_BYTES_CONFIG + " is not set");
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }
}
