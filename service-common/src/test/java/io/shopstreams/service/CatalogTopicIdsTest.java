package io.shopstreams.service;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogTopicIdsTest {
    @TempDir
    Path stateDir;

    private final Uuid products = Uuid.randomUuid();

    @Test
    void the_ids_a_state_was_built_from_are_read_back_as_written() {
        Path file = CatalogTopicIds.file(stateDir, "cart-stream");
        CatalogTopicIds.write(file, Map.of("products", products));

        assertThat(file.getFileName().toString()).isEqualTo("cart-stream.catalog-topic-ids");
        assertThat(CatalogTopicIds.read(file)).containsExactlyEntriesOf(Map.of("products", products));
    }

    @Test
    void only_a_topic_listed_now_under_another_id_was_recreated() {
        Map<String, Uuid> before = Map.of("products", products, "gone", Uuid.randomUuid());

        assertThat(CatalogTopicIds.recreated(before, Map.of("products", products))).isEmpty();
        assertThat(CatalogTopicIds.recreated(before, Map.of())).as("missing now is not recreated").isEmpty();
        assertThat(CatalogTopicIds.recreated(before, Map.of("products", Uuid.randomUuid())))
                .containsExactly("products");
        assertThat(CatalogTopicIds.recreated(Map.of(), Map.of("products", products))).as("nothing recorded yet")
                .isEmpty();
    }

    @Test
    void no_file_or_an_unreadable_one_records_nothing() throws Exception {
        Path file = CatalogTopicIds.file(stateDir, "cart-stream");
        assertThat(CatalogTopicIds.read(file)).isEmpty();

        Files.writeString(file, "products=not-a-uuid\n");
        assertThat(CatalogTopicIds.read(file)).isEmpty();
    }
}
