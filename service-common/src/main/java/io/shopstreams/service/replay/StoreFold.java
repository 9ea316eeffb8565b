package io.shopstreams.service.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A service's state as a fold of its retained event topics: the very {@code evolve} functions it runs live,
 * applied to every event in log order, producing the content of every store it keeps. Implemented by each
 * service; run by {@link StateRebuilder} and by point-in-time audits. A fold keeps what it folded in a
 * {@link FoldSpace} on disk, which {@link #close()} deletes.
 */
public interface StoreFold extends AutoCloseable {

    /** The topics folded, read from the beginning, in per-partition order. */
    List<String> sourceTopics();

    /** Folds one event record (raw value bytes; a record that cannot be decoded is a bug in the log). */
    void accept(ConsumerRecord<String, byte[]> record);

    /** Writes every store entry the fold produced. */
    void emit(StoreSink sink);

    /** Every aggregate's state, in id order, for {@code replay --until}: id, JSON-serializable state. */
    void forEachAggregate(BiConsumer<String, Object> action);

    @Override
    void close();
}
