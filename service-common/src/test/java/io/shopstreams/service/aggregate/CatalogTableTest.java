package io.shopstreams.service.aggregate;

import io.shopstreams.events.Catalog;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogTableTest {
    private static final String MUG = "{\"sku\":\"sku-mug\",\"name\":\"Enamel mug\",\"priceCents\":1250,"
            + "\"currency\":\"EUR\",\"active\":true}";

    @TempDir
    Path stateDir;

    /** Every AddItem reads its product: the catalog decodes a product once, not on every read. */
    @Test
    void a_task_reads_one_decoded_product_until_the_product_changes() {
        List<Product> read = new ArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        CatalogTable.declare(builder);
        builder.stream("lookups", Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    private Catalog catalog;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        catalog = CatalogTable.of(context);
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        read.add(catalog.find(record.key()).orElseThrow());
                    }
                });
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "catalog-table");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), properties)) {
            TestInputTopic<String, String> products = driver.createInputTopic(Topics.PRODUCTS.name(),
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestInputTopic<String, String> lookups = driver.createInputTopic("lookups",
                    Serdes.String().serializer(), Serdes.String().serializer());
            products.pipeInput("sku-mug", MUG);
            lookups.pipeInput("sku-mug", "");
            lookups.pipeInput("sku-mug", "");
            products.pipeInput("sku-mug", MUG.replace("1250", "1400"));
            lookups.pipeInput("sku-mug", "");
        }

        assertThat(read).extracting(Product::priceCents).containsExactly(1250L, 1250L, 1400L);
        assertThat(read.get(1)).isSameAs(read.get(0));
    }
}
