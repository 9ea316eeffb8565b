package io.shopstreams.shopctl.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.shopstreams.events.Product;
import io.shopstreams.shopctl.catalog.ProductFile;
import org.junit.jupiter.api.Test;

/** The catalog {@code shopctl dev} publishes, which is also a valid file for {@code shopctl products load}. */
class DemoCatalogTest {

    private final List<Product> catalog = ProductFile.readResource(DevStack.DEMO_CATALOG);

    @Test
    void decodesWithTheProductCodecAndHasAtLeastTenProducts() {
        assertThat(catalog).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void hasExactlyOneInactiveProduct() {
        assertThat(catalog).filteredOn(product -> !product.active()).hasSize(1);
    }

    @Test
    void pricesEverythingInEuroWithDistinctSkus() {
        assertThat(catalog).allSatisfy(product -> {
            assertThat(product.currency()).isEqualTo("EUR");
            assertThat(product.priceCents()).isPositive();
        });
        assertThat(catalog).extracting(Product::sku).doesNotHaveDuplicates();
    }

    @Test
    void containsTheActiveProductTheDevExamplesUse() {
        Map<String, Product> bySku = catalog.stream().collect(Collectors.toMap(Product::sku, Function.identity()));

        assertThat(bySku.get(DevBanner.EXAMPLE_SKU)).isNotNull().extracting(Product::active).isEqualTo(true);
        assertThat(DevBanner.lines(1, "127.0.0.1:9092", "embedded", "http://a", "http://b"))
                .filteredOn(line -> line.contains("\"sku\":\""))
                .allSatisfy(line -> assertThat(catalog).anySatisfy(product ->
                        assertThat(line).contains("\"sku\":\"" + product.sku() + "\"")));
    }
}
