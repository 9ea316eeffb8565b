package io.shopstreams.service;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs restore start and end per store partition with record counts (one line each, never per record) and
 * keeps the progress of restores under way for {@code /ready}.
 */
final class RestoreTracker implements StateRestoreListener {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreTracker.class);

    private record Progress(String store, long total, long restored) {
    }

    private final Map<TopicPartition, Progress> inProgress = new ConcurrentHashMap<>();
    private final Runnable changed;

    /** @param changed called as a restore begins and as it ends: a store's completeness changes then */
    RestoreTracker(Runnable changed) {
        this.changed = changed;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        long total = Math.max(0, endOffset - startOffset);
        inProgress.put(partition, new Progress(store, total, 0));
        changed.run();
        LOG.info("restoring store {} from {}: {} records", store, partition, total);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        inProgress.computeIfPresent(partition, (p, progress) ->
                new Progress(progress.store(), progress.total(), progress.restored() + numRestored));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        inProgress.remove(partition);
        changed.run();
        LOG.info("restored store {} from {}: {} records", store, partition, totalRestored);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        inProgress.remove(partition);
        changed.run();
        LOG.info("restore of store {} from {} suspended after {} records", store, partition, totalRestored);
    }

    /** Restores under way: store name -> {restored, total}. */
    Map<String, Map<String, Long>> progress() {
        Map<String, Map<String, Long>> byStore = new TreeMap<>();
        inProgress.values().forEach(progress -> byStore.merge(progress.store(),
                Map.of("restored", progress.restored(), "total", progress.total()),
                (a, b) -> Map.of("restored", a.get("restored") + b.get("restored"), "total", a.get("total") + b.get("total"))));
        return byStore;
    }
}
