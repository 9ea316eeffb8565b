package io.shopstreams.shopctl.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopstreams.events.InvalidMessageException;
import io.shopstreams.events.JsonCodec;
import io.shopstreams.events.Product;
import io.shopstreams.shopctl.cli.CliFailure;

/**
 * A catalog file: a JSON array of products, or JSON lines (one product per line, blank lines ignored). Every entry
 * is checked by {@link JsonCodec#PRODUCTS}, the codec the services read the topic with, before anything is sent.
 */
public final class ProductFile {

    private ProductFile() {
    }

    /**
     * The products of {@code file}, in file order.
     *
     * @throws CliFailure (usage) for an unreadable file, or naming the first bad entry (1-based) and its error code
     */
    public static List<Product> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliFailure.usage("cannot read " + file + ": " + e, e);
        }
        return parse(text, file.toString());
    }

    /** The products of a classpath resource, e.g. the demo catalog. */
    public static List<Product> readResource(String name) {
        try (InputStream in = ProductFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from shopctl");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /** Parses {@code text}; {@code source} names it in error messages. */
    static List<Product> parse(String text, String source) {
        if (text.strip().startsWith("[")) {
            return parseArray(text, source);
        }
        return parseLines(text, source);
    }

    private static List<Product> parseArray(String text, String source) {
        JsonNode array;
        try {
            array = JsonCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw CliFailure.usage(source + ": not a JSON array of products: " + e.getOriginalMessage());
        }
        if (!array.isArray()) {
            throw CliFailure.usage(source + ": not a JSON array of products");
        }
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            products.add(decode(array.get(i).toString(), source + ": entry " + (i + 1)));
        }
        return requireSome(products, source);
    }

    private static List<Product> parseLines(String text, String source) {
        List<Product> products = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                products.add(decode(lines[i], source + ": entry " + (products.size() + 1) + " (line " + (i + 1) + ")"));
            }
        }
        return requireSome(products, source);
    }

    private static Product decode(String json, String where) {
        try {
            return JsonCodec.PRODUCTS.decode(json);
        } catch (InvalidMessageException e) {
            throw CliFailure.usage(where + ": " + e.code() + ": " + e.getMessage(), e);
        }
    }

    private static List<Product> requireSome(List<Product> products, String source) {
        if (products.isEmpty()) {
            throw CliFailure.usage(source + ": holds no products");
        }
        return products;
    }
}
