package io.shopstreams.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.shopstreams.shopctl.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Nothing listens on 127.0.0.1:1: every command fails within a bounded time, in one line, and never hangs. The
 * commands run at once: each only waits for its client's timeout.
 */
@Execution(ExecutionMode.CONCURRENT)
class UnreachableKafkaIT {
    private static final String NOWHERE = "127.0.0.1:1";
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static void assertFailsInOneLine(String... args) {
        long started = System.nanoTime();
        Cli.Result result = Cli.run(args);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                .contains("Kafka at " + NOWHERE + " did not answer within", "is it running and reachable?");
        assertThat(took).isLessThan(BOUND);
    }

    @Test
    void cartAdd() {
        assertFailsInOneLine("cart", "add", "cart-1", "espresso-beans-1kg", "--bootstrap-servers", NOWHERE);
    }

    @Test
    void tail() {
        assertFailsInOneLine("tail", "cart-events", "--bootstrap-servers", NOWHERE);
    }

    @Test
    void replay() {
        assertFailsInOneLine("replay", "cart", "--bootstrap-servers", NOWHERE);
    }

    @Test
    void audit() {
        assertFailsInOneLine("audit", "--bootstrap-servers", NOWHERE);
    }

    @Test
    void dlq() {
        assertFailsInOneLine("dlq", "list", "--bootstrap-servers", NOWHERE);
    }

    @Test
    void topicsApply() {
        long started = System.nanoTime();
        Cli.Result result = Cli.run("topics", "apply", "--bootstrap-servers", NOWHERE);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                .contains("Kafka did not answer", "are the brokers running and reachable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
    }
}
