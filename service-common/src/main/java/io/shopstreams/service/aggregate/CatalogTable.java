package io.shopstreams.service.aggregate;

import io.shopstreams.events.Catalog;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topic;
import io.shopstreams.events.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.util.Optional;

/**
 * The {@code products} topic as a global table on every instance, and the {@link Catalog} the deciders read
 * from it. A global store's source topic is its changelog, so a rebuild has nothing to do for it.
 */
public final class CatalogTable {
    public static final String STORE = "products-store";
    /** Products kept decoded, about 1 KiB of heap each; a larger catalog is decoded anew in part. */
    private static final int DECODED_PRODUCTS = 10_000;

    private CatalogTable() {
    }

    public static void declare(StreamsBuilder builder) {
        // The store gets the serdes of the Consumed: Kafka Streams sets a table's Materialized serdes from it.
        Topic<String, Product> products = Topics.PRODUCTS.withValueSerde(
                DecodedByContent.serde(Topics.PRODUCTS.valueSerde(), DECODED_PRODUCTS));
        builder.globalTable(products.name(), TopicStreams.consumed(products, "products-source"),
                Materialized.<String, Product, KeyValueStore<Bytes, byte[]>>as(STORE));
    }

    /** The catalog as a task sees it (global stores are readable from any processor). */
    public static Catalog of(ProcessorContext<?, ?> context) {
        TimestampedKeyValueStore<String, Product> products = context.getStateStore(STORE);
        return sku -> Optional.ofNullable(products.get(sku)).map(ValueAndTimestamp::value);
    }
}
