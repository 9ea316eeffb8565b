package io.shopstreams.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.shopstreams.shopctl.cli.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as users run it (what {@code ./shopctl.sh} execs), in a JVM of its own: its real stderr, Kafka's
 * log output included, must be the one line.
 */
class ShopCtlJarIT {
    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("shopctl.jar", "target/shopctl-0.1.0-SNAPSHOT-all.jar"));
        assertThat(jar).as("the shaded jar, built in package").exists();
    }

    private record Process(int exitCode, List<String> out, List<String> err) {
    }

    private Process run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        java.lang.Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("shopctl " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Process(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpExitsZero() throws Exception {
        Process help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).first().asString().startsWith("Usage: shopctl");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void anUnreachableBrokerIsOneLineOnTheRealStderr() throws Exception {
        long started = System.nanoTime();
        Process describe = run("cart", "add", "cart-1", "espresso-beans-1kg", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(describe.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(describe.err()).singleElement().asString()
                .startsWith("shopctl cart add: Kafka at 127.0.0.1:1 did not answer within 10 s");
        assertThat(describe.out()).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(20);
    }

    @Test
    void aUsageErrorIsOneLineWithExitCodeTwo() throws Exception {
        Process bad = run("tail", "nope");

        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).singleElement().asString().contains("unknown topic 'nope'");
    }
}
