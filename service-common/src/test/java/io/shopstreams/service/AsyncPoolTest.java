package io.shopstreams.service;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The common pool is sized once per JVM, so each case runs in a JVM of its own, told it has the CPUs of a small
 * container ({@code -XX:ActiveProcessorCount}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AsyncPoolTest {
    @Test
    void on_two_cpus_completable_futures_get_a_pool_of_two_threads_instead_of_a_thread_per_task() throws Exception {
        assertThat(probe(2, false)).as("the JDK's default").isEqualTo("ThreadPerTaskExecutor 1");
        assertThat(probe(2, true)).isEqualTo("ForkJoinPool 2");
        assertThat(probe(1, true)).isEqualTo("ForkJoinPool 2");
    }

    @Test
    void more_cpus_keep_the_jdks_size_and_a_size_set_on_the_command_line_wins() throws Exception {
        assertThat(probe(8, true)).isEqualTo("ForkJoinPool 7");
        assertThat(probe(2, true, "-D" + AsyncPool.PARALLELISM + "=5")).isEqualTo("ForkJoinPool 5");
    }

    /** What {@link Probe} prints in a JVM with {@code cpus} processors. */
    private static String probe(int cpus, boolean widened, String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=" + cpus, "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(Probe.class.getName(), Boolean.toString(widened)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    /** Prints the default executor's kind and the common pool's size, after {@link AsyncPool} when asked. */
    public static final class Probe {
        public static void main(String[] args) {
            if (Boolean.parseBoolean(args[0])) {
                AsyncPool.atLeastTwoThreads();
            }
            // ForkJoinPool, or ThreadPerTaskExecutor where the common pool has a single thread.
            String executor = new CompletableFuture<Void>().defaultExecutor().getClass().getSimpleName();
            System.out.println(executor + " " + ForkJoinPool.getCommonPoolParallelism());
        }
    }
}
