package io.shopstreams.service.stream;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * The partition Kafka's default partitioner picks for a keyed record: murmur2 of the key bytes, made positive,
 * modulo the partition count. Kafka Streams routes repartitioned records and changelog records by this same
 * function, so it also names the task that owns a key. Kafka has no public API that computes it; {@link Utils}
 * is what the producer uses.
 */
public final class KeyPartitioner {
    private KeyPartitioner() {
    }

    public static int partitionOf(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /** For a String key as the String serde writes it (UTF-8). */
    public static int partitionOf(String key, int partitions) {
        return partitionOf(key.getBytes(StandardCharsets.UTF_8), partitions);
    }
}
