package io.shopstreams.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code shopctl bench} in a small run, as CI makes it: every phase drains every record, cart-stream commits
 * exactly one event per command that is not a re-send (the run fails otherwise), and the report holds each
 * figure next to its baseline. It asserts no speed: figures on a shared machine are for the README, not a test.
 */
class BenchIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aSmallRunMeasuresEveryPhaseAndWritesTheReport() throws Exception {
        int exit = new CommandLine(new BenchCommand()).execute("--commands", "6000", "--carts", "1500",
                "--latency-seconds", "1", "--scale-carts", "2000", "--work-dir", dir.toString());

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve("bench.json")));
        assertThat(report.path("setup").path("cart events").asText())
                .startsWith(6_000 - new CartCommandMix(1, 6_000, 1_500).resends() + " committed");
        List<String> rows = new ArrayList<>();
        for (JsonNode row : report.path("rows")) {
            rows.add(row.path("what").asText() + (row.has("baseline") ? " vs " + row.path("baseline").asText() : ""));
            if (row.path("unit").asText().equals("polls")) {
                assertThat(row.path("figure").asDouble()).as("%s; %s", row, report.path("setup")).isZero();
            } else {
                assertThat(row.path("figure").asDouble()).as(row.toString()).isPositive();
            }
        }
        assertThat(rows).contains("transactional producer, same records", "skeleton: records drained (10–90 %)",
                "count: records drained (10–90 %)", "cart-stream: records drained (10–90 %)",
                "cart-stream: peak RSS",
                "cart-stream, cart commands decided (exactly_once_v2) vs Kafka Streams count",
                "cart-stream, cart commands decided (exactly_once_v2) vs skeleton");
        assertThat(rows).contains("order-stream, checkouts: records drained (10–90 %)",
                "order-stream, checkouts turned into orders (the saga's first step)",
                "order-stream, order commands: records drained (10–90 %)",
                "order-stream, order commands decided (exactly_once_v2) vs Kafka Streams count (cart commands)");
        Matcher checkouts = Pattern.compile("(\\d+) on cart-events; (\\d+) orders placed, "
                + "(\\d+) rejected, one each, as expected").matcher(report.path("setup").path("checkouts").asText());
        assertThat(checkouts.matches()).as(report.path("setup").toString()).isTrue();
        int placed = Integer.parseInt(checkouts.group(2));
        assertThat(placed).isPositive();
        assertThat(Long.parseLong(checkouts.group(1))).isEqualTo(placed + Long.parseLong(checkouts.group(3)));
        // Pay each order, re-send every 50th payment, ship and deliver a third, cancel a third.
        long orderCommands = placed + (placed + 49) / 50 + 2L * ((placed + 2) / 3) + (placed + 1) / 3;
        assertThat(report.path("setup").path("order commands").asText())
                .startsWith(orderCommands + " (" + (placed + 49) / 50 + " exact re-sends) over " + placed + " orders");
        assertThat(rows).filteredOn(row -> row.startsWith("cart-stream: command sent to event committed"))
                .hasSize(12).anyMatch(row -> row.endsWith("(75 % of max), p99.9"));
        assertThat(rows).filteredOn(row -> row.startsWith("cart-stream: command sent to change visible in GET"))
                .hasSize(12).anyMatch(row -> row.endsWith("(75 % of max), max"));
        assertThat(rows).filteredOn(row -> row.contains("long polls not answered 200")).hasSize(3);
        assertThat(rows).filteredOn(row -> row.startsWith("saga: checkout sent to order visible in GET /orders"))
                .hasSize(12).anyMatch(row -> row.endsWith("(25 % of max), p50"));
        assertThat(rows).filteredOn(row -> row.startsWith("2,000 carts")).containsExactly(
                "2,000 carts, plain stores: commands taken in (10–90 %)",
                "2,000 carts, plain stores: peak RSS",
                "2,000 carts, plain stores: restart to ready after kill -9",
                "2,000 carts, transactional stores: commands taken in (10–90 %)",
                "2,000 carts, transactional stores: peak RSS",
                "2,000 carts, transactional stores: restart to ready after kill -9");
        assertThat(rows).filteredOn(row -> row.startsWith("replay cart (full rebuild)")).hasSize(4)
                .anyMatch(row -> row.endsWith(": events folded and written vs raw read_committed consumer, same topics"))
                .anyMatch(row -> row.endsWith("re-creation left out vs raw read_committed consumer, same topics"));
        assertThat(report.path("setup").path("replay phases").asText())
                .matches("folding \\d+\\.\\d s, wiping the changelogs \\d+\\.\\d s, writing them \\d+\\.\\d s, of"
                        + " \\d+\\.\\d s");
        assertThat(rows).contains("cart-stream: CPU per 1,000 records, its own process (10–90 %)",
                "order-stream, order commands: CPU per 1,000 records, its own process (10–90 %)");
        assertThat(report.path("setup").path("open-loop maximum").asText()).contains(" cart-stream + 1 / ");
        assertThat(report.path("setup").path("replay").asText()).endsWith(": 2,000 events read, 2,000 carts written");
        long carts = Math.min(1_000, new CartCommandMix(1, 6_000, 1_500).commands().stream()
                .map(CartCommandMix.Command::cartId).distinct().count());
        String queries = "GET /carts/{id}, 8 clients, " + carts + " carts, one instance";
        if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            assertThat(rows).contains(queries + " vs nginx, the same JSON as files", queries + ", p99 vs nginx");
        } else {
            assertThat(rows).contains(queries);
            assertThat(report.path("setup").path("query baseline").asText()).contains("nginx is not installed");
        }
        assertThat(rows).filteredOn(row -> row.startsWith("GET /carts/{id} forwarded by a second instance"))
                .hasSize(3).allMatch(row -> row.endsWith(" vs the owner answering itself"));
        java.awt.image.BufferedImage chart = javax.imageio.ImageIO.read(dir.resolve("bench.png").toFile());
        // One bar per throughput row and per latency percentile, so its height follows the report.
        assertThat(chart.getWidth()).isEqualTo(1100);
        assertThat(chart.getHeight()).isGreaterThan(60 + 10 * 24 + 60 + 27 * 24);
        assertThat(Files.readString(dir.resolve("bench.md"))).contains("| cart-stream: records drained (10–90 %) |");
    }
}
