package io.shopstreams.shopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.shopstreams.topics.TopicAdminException;
import io.shopstreams.topics.TopicDeclarationException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

    @Test
    void foldsAMultiLineMessageOntoOneLine() {
        assertThat(ErrorReporter.oneLine("first\n  - second\r\nthird\n")).isEqualTo("first; - second; third");
    }

    @Test
    void mapsFailuresToExitCodes() {
        assertThat(ErrorReporter.exitCode(CliFailure.usage("bad file"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ErrorReporter.exitCode(CliFailure.failure("no Kafka"))).isEqualTo(ExitCodes.FAILURE);
        assertThat(ErrorReporter.exitCode(new TopicDeclarationException("t.yaml", List.of("x")))).isEqualTo(ExitCodes.USAGE);
        assertThat(ErrorReporter.exitCode(new ConfigException("bad"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ErrorReporter.exitCode(new TopicAdminException("timeout"))).isEqualTo(ExitCodes.FAILURE);
        assertThat(ErrorReporter.exitCode(new IllegalStateException("bug"))).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void listsEveryProblemOfADeclarationFileOnOneLine() {
        assertThat(ErrorReporter.message(new TopicDeclarationException("t.yaml", List.of("one", "two"))))
                .isEqualTo("t.yaml: one; two");
    }

    @Test
    void pointsAtVerboseForAnUnexpectedFailure() {
        assertThat(ErrorReporter.message(new IllegalStateException("bug"))).isEqualTo(
                "unexpected IllegalStateException: bug (run with --verbose for the stack trace)");
    }
}
