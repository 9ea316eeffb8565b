package io.shopstreams.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The manifests {@code kubectl kustomize} renders for one overlay of deploy/, and the Kubernetes schema check
 * of deploy/validate (the kubernetes-models npm package). Both skip the calling test, with the reason, when
 * kubectl or the installed schema package is missing.
 */
final class RenderedManifests {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path VALIDATOR = ROOT.resolve("deploy/validate");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> documents;

    private RenderedManifests(List<JsonNode> documents) {
        this.documents = List.copyOf(documents);
    }

    /** {@code kubectl kustomize deploy/overlays/<overlay>}, parsed. */
    static RenderedManifests render(String overlay) {
        assumeTrue(onPath("kubectl"), "kubectl is not installed: the deploy/ manifests are not rendered or checked");
        Run run = run(List.of("kubectl", "kustomize", ROOT.resolve("deploy/overlays").resolve(overlay).toString()),
                ROOT);
        assertThat(run.exitCode).as("kubectl kustomize %s: %s", overlay, run.output).isZero();
        try {
            List<JsonNode> documents = new ArrayList<>();
            try (MappingIterator<JsonNode> values = new YAMLMapper().readerFor(JsonNode.class).readValues(run.output)) {
                values.forEachRemaining(documents::add);
            }
            return new RenderedManifests(documents);
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl kustomize " + overlay + " printed no YAML", e);
        }
    }

    List<JsonNode> all() {
        return documents;
    }

    List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    JsonNode get(String kind, String name) {
        return ofKind(kind).stream().filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    /** Runs deploy/validate/validate.mjs on {@code manifests}: one line per manifest, and its exit code. */
    static Run validate(List<JsonNode> manifests) {
        assumeTrue(onPath("node"), "node is not installed: the deploy/ manifests are not schema-checked");
        assumeTrue(Files.isDirectory(VALIDATOR.resolve("node_modules/kubernetes-models")),
                "deploy/validate/node_modules is missing (npm ci --prefix deploy/validate, as .ci/run does):"
                        + " the deploy/ manifests are not schema-checked");
        try {
            Path file = Files.createTempFile("manifests", ".json");
            try {
                ArrayNode array = JSON.createArrayNode().addAll(manifests);
                Files.writeString(file, JSON.writeValueAsString(array));
                return run(List.of("node", "validate.mjs", file.toString()), VALIDATOR);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, Path directory) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ends within 60 s", command).isTrue();
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
