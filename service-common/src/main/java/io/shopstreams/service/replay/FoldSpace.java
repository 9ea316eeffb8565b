package io.shopstreams.service.replay;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Where a fold keeps what it has folded so far: a temporary RocksDB on disk, deleted on {@link #close()}, so
 * that a rebuild's heap stays the same whether the log holds a thousand aggregates or a hundred million (the
 * in-memory fold needed 2.9 GiB for 1,000,000 carts). Each {@link FoldMap} is a key range of it (a one-byte
 * prefix). Nothing here has to survive a crash: a failed rebuild starts over from the event topics.
 */
public final class FoldSpace implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    /** Memtable size: writes batch up in memory, off the heap, before they reach the disk. */
    private static final long WRITE_BUFFER_BYTES = 32L * 1024 * 1024;

    private final Path directory;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private byte nextPrefix;

    private FoldSpace(Path directory) {
        this.directory = directory;
        BlockBasedTableConfig table = new BlockBasedTableConfig();
        // Most lookups are of aggregates not seen yet: the filter answers them without reading a block.
        table.setFilterPolicy(new BloomFilter(10));
        this.options = new Options().setCreateIfMissing(true).setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(2).setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(table);
        // No write-ahead log: the space is thrown away after a crash anyway.
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        try {
            this.db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            options.close();
            writeOptions.close();
            throw new IllegalStateException("cannot open a fold space in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A new, empty space in a new directory under {@code java.io.tmpdir}. */
    public static FoldSpace temporary() {
        try {
            return new FoldSpace(Files.createTempDirectory("shop-fold-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a fold space under " + System.getProperty("java.io.tmpdir")
                    + " (set -Djava.io.tmpdir to a directory with room for the state)", e);
        }
    }

    /** A new map in this space; values are written with {@code serde}. */
    public <V> FoldMap<V> map(Serde<V> serde) {
        if (nextPrefix == Byte.MAX_VALUE) {
            throw new IllegalStateException("too many maps in one fold space");
        }
        return new FoldMap<>(nextPrefix++, serde.serializer(), serde.deserializer());
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the fold space " + directory, e);
        }
    }

    /** Folded values by key; {@link #forEach} visits them in key order (UTF-8 bytes). */
    public final class FoldMap<V> {
        private final byte prefix;
        private final Serializer<V> serializer;
        private final Deserializer<V> deserializer;

        private FoldMap(byte prefix, Serializer<V> serializer, Deserializer<V> deserializer) {
            this.prefix = prefix;
            this.serializer = serializer;
            this.deserializer = deserializer;
        }

        /** The value under {@code key}, or null. */
        public V get(String key) {
            try {
                byte[] bytes = db.get(address(key));
                return bytes == null ? null : deserializer.deserialize(null, bytes);
            } catch (RocksDBException e) {
                throw failure(e);
            }
        }

        public void put(String key, V value) {
            try {
                db.put(writeOptions, address(key), serializer.serialize(null, value));
            } catch (RocksDBException e) {
                throw failure(e);
            }
        }

        /** Every entry, in key order. */
        public void forEach(BiConsumer<String, V> action) {
            forEachSerialized((key, bytes) -> action.accept(key, deserializer.deserialize(null, bytes)));
        }

        /**
         * Every entry as its serde wrote it, in key order: a rebuild whose store format is that serde's passes
         * the bytes on instead of decoding and encoding each value again (a third of its time).
         */
        public void forEachSerialized(BiConsumer<String, byte[]> action) {
            try (RocksIterator iterator = db.newIterator()) {
                for (iterator.seek(new byte[]{prefix}); iterator.isValid() && iterator.key()[0] == prefix;
                     iterator.next()) {
                    byte[] address = iterator.key();
                    action.accept(new String(address, 1, address.length - 1, StandardCharsets.UTF_8),
                            iterator.value());
                }
            }
        }

        private byte[] address(String key) {
            byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
            byte[] address = Arrays.copyOf(new byte[]{prefix}, utf8.length + 1);
            System.arraycopy(utf8, 0, address, 1, utf8.length);
            return address;
        }

        private IllegalStateException failure(RocksDBException e) {
            return new IllegalStateException("the fold space in " + directory + " failed: " + e.getMessage()
                    + " (is the disk full?)", e);
        }
    }
}
