package io.shopstreams.service.stream;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Kafka Streams' persistent stores, with interactive queries that cannot meet a store's close unguarded.
 * <p>
 * In 4.4 a query reads through {@code readOnly(IsolationLevel)} views; RocksDB's view checks that the store is
 * open and then reads without the store's lock, so a read that meets the stream thread closing the store (a
 * task migrating, or revived after a failed commit) reads a freed database and the JVM aborts in native code
 * (reproduced by {@code CloseSafeStoresTest}). Here a key-value view reads under the lock that the store's
 * {@code close()} takes; a read after the close fails with {@code InvalidStateStoreException}, which the router
 * answers with 503. A view also fails once its store was opened again (a task revived after a failed commit
 * closes its stores and opens them anew): RocksDB's view keeps the database accessor it was made with, closed by
 * then, so a view held across the reopen would read a freed database too. Everything else is delegated unchanged.
 */
public final class CloseSafeStores {
    private CloseSafeStores() {
    }

    public static KeyValueBytesStoreSupplier keyValue(String name) {
        KeyValueBytesStoreSupplier rocks = Stores.persistentKeyValueStore(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return rocks.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new SafeKeyValueStore(rocks.get());
            }

            @Override
            public String metricsScope() {
                return rocks.metricsScope();
            }
        };
    }

    /** The {@link StateStore} part, delegated as is. */
    private abstract static class Delegating<T extends StateStore> implements StateStore {
        final T inner;
        /** Whether anything reads {@link #getPosition()}; see there. */
        private boolean positionRead = true;

        Delegating(T inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            positionRead = Boolean.parseBoolean(String.valueOf(context.appConfigs()
                    .getOrDefault(StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, false)));
            inner.init(context, root);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void flush() {
            inner.flush();
        }

        @Override
        public void commit(Map<TopicPartition, Long> changelogOffsets) {
            inner.commit(changelogOffsets);
        }

        @Override
        public Long committedOffset(TopicPartition partition) {
            return inner.committedOffset(partition);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public boolean persistent() {
            return inner.persistent();
        }

        @Override
        public boolean managesOffsets() {
            return inner.managesOffsets();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
            return inner.query(query, positionBound, config);
        }

        /**
         * Under the store's monitor, which its {@code close()} holds, and only while open: Kafka Streams reads this
         * as a metric on the metrics reporter's thread, and RocksDB's store reads its native write batch
         * unguarded, which a close frees. That aborted an order-stream JVM in {@code WriteBatch.getDataSize} as
         * it stopped, with transactional stores on.
         */
        @Override
        public long approximateNumUncommittedBytes() {
            synchronized (inner) {
                return inner.isOpen() ? inner.approximateNumUncommittedBytes() : 0L;
            }
        }

        /**
         * The change-logging layer above asks for the position on every put, for the changelog record's
         * consistency headers, and RocksDB's store answers with a copy of its position: 5.4 % of cart-stream's
         * stream thread in a profile. Those headers are written only where the internal consistency-vector
         * setting is on (it is off unless set); interactive queries take their position from the query's own
         * result, not from here. So unless that setting is on, the position asked here is empty.
         */
        @Override
        public Position getPosition() {
            return positionRead ? inner.getPosition() : Position.emptyPosition();
        }
    }

    private static final class SafeKeyValueStore extends Delegating<KeyValueStore<Bytes, byte[]>>
            implements KeyValueStore<Bytes, byte[]> {
        /** How often this store was opened; guarded by {@code inner}'s monitor. */
        private long opens;

        SafeKeyValueStore(KeyValueStore<Bytes, byte[]> inner) {
            super(inner);
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            synchronized (inner) {
                opens++;
            }
            super.init(context, root);
        }

        /** Kafka Streams' view (at the queries' isolation level), read under the store's lock. */
        @Override
        public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
            synchronized (inner) {
                return new LockedView(this, opens, inner.readOnly(isolationLevel));
            }
        }

        /** Call holding {@code inner}'s monitor. */
        void checkNotReopened(long opened) {
            if (opens != opened) {
                throw new InvalidStateStoreException("store " + name() + " was opened again since this view was made");
            }
        }

        @Override
        public void put(Bytes key, byte[] value) {
            inner.put(key, value);
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            return inner.putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            inner.putAll(entries);
        }

        @Override
        public byte[] delete(Bytes key) {
            return inner.delete(key);
        }

        @Override
        public byte[] get(Bytes key) {
            return inner.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return inner.range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return inner.reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return inner.all();
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return inner.reverseAll();
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
            return inner.prefixScan(prefix, serializer);
        }

        @Override
        public long approximateNumEntries() {
            return inner.approximateNumEntries();
        }
    }

    /**
     * A view that reads holding the store's monitor, as RocksDB's store does in its own {@code get}: its
     * {@code close()} holds it too, so a read either sees the store open or fails with "closed"; and it fails
     * once the store was opened again after the view was made.
     */
    private static final class LockedView extends GuardedView<Bytes, byte[]> {
        private final SafeKeyValueStore store;
        private final long opened;

        LockedView(SafeKeyValueStore store, long opened, ReadOnlyKeyValueStore<Bytes, byte[]> view) {
            super(view);
            this.store = store;
            this.opened = opened;
        }

        @Override
        protected <R> R read(Supplier<R> read) {
            synchronized (store.inner) {
                store.checkNotReopened(opened);
                return read.get();
            }
        }
    }
}
