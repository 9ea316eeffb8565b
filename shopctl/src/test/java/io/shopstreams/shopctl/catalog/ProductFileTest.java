package io.shopstreams.shopctl.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.shopstreams.events.Product;
import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.cli.ExitCodes;
import org.junit.jupiter.api.Test;

class ProductFileTest {

    private static final String MUG = "{\"sku\":\"mug\",\"name\":\"Mug\",\"priceCents\":1299,\"currency\":\"EUR\",\"active\":true}";
    private static final String TEA = "{\"sku\":\"tea\",\"name\":\"Tea\",\"priceCents\":450,\"currency\":\"EUR\",\"active\":false}";

    @Test
    void readsAJsonArrayInOrder() {
        List<Product> products = ProductFile.parse("[" + MUG + ",\n" + TEA + "]", "catalog.json");

        assertThat(products).containsExactly(new Product("mug", "Mug", 1299, "EUR", true),
                new Product("tea", "Tea", 450, "EUR", false));
    }

    @Test
    void readsJsonLinesSkippingBlankLines() {
        assertThat(ProductFile.parse(MUG + "\n\n" + TEA + "\n", "catalog.jsonl")).extracting(Product::sku)
                .containsExactly("mug", "tea");
    }

    @Test
    void namesTheBadEntryOfAnArrayByItsPositionAndCode() {
        String noPrice = "{\"sku\":\"cup\",\"name\":\"Cup\",\"currency\":\"EUR\",\"active\":true}";

        assertThatThrownBy(() -> ProductFile.parse("[" + MUG + "," + noPrice + "]", "catalog.json"))
                .isInstanceOf(CliFailure.class)
                .hasMessageStartingWith("catalog.json: entry 2: MISSING_FIELD: priceCents")
                .satisfies(e -> assertThat(((CliFailure) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void namesTheBadEntryOfJsonLinesByPositionAndLine() {
        String floatPrice = "{\"sku\":\"cup\",\"name\":\"Cup\",\"priceCents\":9.99,\"currency\":\"EUR\",\"active\":true}";

        assertThatThrownBy(() -> ProductFile.parse(MUG + "\n\n" + floatPrice, "catalog.jsonl"))
                .hasMessageStartingWith("catalog.jsonl: entry 2 (line 3): INVALID_MONEY");
    }

    @Test
    void refusesAFileThatIsNotJson() {
        assertThatThrownBy(() -> ProductFile.parse("[{\"sku\":", "catalog.json"))
                .hasMessageStartingWith("catalog.json: not a JSON array of products");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> ProductFile.parse("  \n", "catalog.json")).hasMessage("catalog.json: holds no products");
        assertThatThrownBy(() -> ProductFile.parse("[]", "catalog.json")).hasMessage("catalog.json: holds no products");
    }
}
