package io.shopstreams.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kafka.tools.StorageTool;

/**
 * Formats a node's storage as {@code kafka-storage.sh format -c server.properties -t CLUSTER_ID} does, by
 * calling the same {@link StorageTool} in this JVM ({@code execute}, unlike {@code main}, never exits the JVM).
 */
final class StorageFormatter {

    private static final String META_PROPERTIES = "meta.properties";
    private static final Pattern NODE_DIR = Pattern.compile("(node|controller)-\\d+");

    private StorageFormatter() {
    }

    /** True when the node's log dir already holds a {@code meta.properties}: formatting again would fail. */
    static boolean isFormatted(NodeSpec node) {
        return Files.isRegularFile(node.logDir().resolve(META_PROPERTIES));
    }

    /** The cluster id an earlier format of any node recorded, so a partly formatted dir stays one cluster. */
    static Optional<String> existingClusterId(List<NodeSpec> nodes) {
        return nodes.stream()
                .map(node -> node.logDir().resolve(META_PROPERTIES))
                .filter(Files::isRegularFile)
                .map(ServerProperties::read)
                .map(props -> props.getProperty("cluster.id"))
                .filter(id -> id != null && !id.isBlank())
                .findFirst();
    }

    /**
     * Refuses a data dir formatted for another number or layout of nodes: its quorum and replicas would not match.
     *
     * @throws IllegalArgumentException naming the node count the dir was formatted for
     */
    static void requireSameSize(List<NodeSpec> nodes, Path rootDir) {
        long formatted = nodes.stream().filter(StorageFormatter::isFormatted).count();
        Set<Path> expected = nodes.stream().map(NodeSpec::dir).collect(Collectors.toSet());
        boolean extra;
        try (Stream<Path> dirs = Files.isDirectory(rootDir) ? Files.list(rootDir) : Stream.empty()) {
            extra = dirs.filter(dir -> NODE_DIR.matcher(dir.getFileName().toString()).matches())
                    .anyMatch(dir -> !expected.contains(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + rootDir, e);
        }
        if ((formatted > 0 && formatted < nodes.size()) || (formatted > 0 && extra)) {
            long brokers = nodes.stream().filter(node -> node.role().isBroker()).count();
            throw new IllegalArgumentException("data dir " + rootDir + " holds a cluster of another size than "
                    + brokers + " node(s)" + (brokers < nodes.size()
                    ? " and " + (nodes.size() - brokers) + " controller(s)" : "")
                    + "; start it with the node count it was created with, or use a new dir");
        }
    }

    /**
     * Formats {@code node}; its {@code server.properties} must already be written.
     *
     * @param features feature levels to format with instead of the release's defaults, e.g.
     *                 {@code transaction.version=1} ({@code kafka-storage.sh format --feature})
     */
    static void format(NodeSpec node, String clusterId, Map<String, Integer> features) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of("format", "-c", node.propertiesFile().toString(),
                "-t", clusterId));
        features.forEach((name, level) -> command.addAll(List.of("--feature", name + "=" + level)));
        String[] args = command.toArray(String[]::new);
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, out);
        } catch (RuntimeException e) {
            // StorageTool reports bad arguments and configs as exceptions (TerseFailure) rather than exit codes.
            throw new KafkaStartupException("formatting the storage of node " + node.nodeId() + " in "
                    + node.logDir() + " failed: " + e.getMessage(), e);
        }
        if (exitCode != 0) {
            throw new KafkaStartupException("formatting the storage of node " + node.nodeId() + " in "
                    + node.logDir() + " failed with exit code " + exitCode + ": "
                    + output.toString(StandardCharsets.UTF_8).trim());
        }
    }
}
