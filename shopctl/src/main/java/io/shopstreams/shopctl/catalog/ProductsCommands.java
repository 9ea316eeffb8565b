package io.shopstreams.shopctl.catalog;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Product;
import io.shopstreams.events.Topics;
import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.cli.IdConverter;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import io.shopstreams.shopctl.kafka.RecordPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shopctl products load|deactivate}: the catalog on topic {@code products}, keyed by sku. */
@Command(name = "products", description = "Maintain the product catalog (topic products).")
public final class ProductsCommands {

    @Spec
    private CommandSpec spec;

    @Command(name = "load", description = {
            "Publish every product of FILE: a JSON array of products, or one product per line.",
            "Each is {\"sku\",\"name\",\"priceCents\",\"currency\",\"active\"}; all are checked first, "
                    + "a bad entry publishes nothing."})
    int load(@Parameters(paramLabel = "FILE") Path file, @Mixin KafkaOptions kafka) {
        List<Product> products = ProductFile.read(file);
        List<RecordPublisher.Sent> sent = publish(kafka, products);
        PrintWriter out = spec.commandLine().getOut();
        if (kafka.verbose()) {
            for (int i = 0; i < products.size(); i++) {
                out.println(products.get(i).sku() + " " + sent.get(i));
            }
        }
        out.println("loaded " + products.size() + " product(s) from " + file + " into " + Topics.PRODUCTS.name());
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "deactivate", description = "Mark SKU inactive: carts refuse it, orders with it are rejected.")
    int deactivate(@Parameters(paramLabel = "SKU", converter = IdConverter.class, description = "The product's sku.") String sku,
                   @Mixin KafkaOptions kafka) {
        Product current = CatalogReader.current(kafka, sku).orElseThrow(() -> CliFailure.failure(
                "no product " + sku + " on topic " + Topics.PRODUCTS.name() + " at " + kafka.bootstrapServers()));
        PrintWriter out = spec.commandLine().getOut();
        if (!current.active()) {
            out.println(sku + " is already inactive");
        } else {
            Product inactive = new Product(sku, current.name(), current.priceCents(), current.currency(), false);
            RecordPublisher.Sent sent = publish(kafka, List.of(inactive)).get(0);
            out.println(kafka.verbose() ? sku + " deactivated " + sent : sku + " deactivated");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Publishes products keyed by sku, in their canonical encoding. */
    public static List<RecordPublisher.Sent> publish(KafkaOptions kafka, List<Product> products) {
        return RecordPublisher.publishAll(kafka, Topics.PRODUCTS.name(), products.stream()
                .map(product -> new RecordPublisher.Keyed(product.sku(), JsonCodec.PRODUCTS.encode(product)))
                .collect(Collectors.toList()));
    }
}
