package io.shopstreams.service.replay;

/** Receives the entries of rebuilt stores. {@code partitionKey} is the key whose task owns the entry. */
public interface StoreSink {
    void keyValue(String store, String partitionKey, String key, byte[] value, long timestamp);
}
