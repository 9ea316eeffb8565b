package io.shopstreams.systemtests;

import io.shopstreams.service.replay.EventLogReader;
import io.shopstreams.shopctl.audit.AuditReport;
import io.shopstreams.shopctl.audit.Auditor;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The audit of {@code shopctl audit} over a test cluster's topics, as an assertion. */
final class Audit {
    private Audit() {
    }

    static AuditReport of(Map<String, Object> clientConfig) {
        Auditor auditor = new Auditor();
        new EventLogReader(clientConfig).readAll(Auditor.topics(), auditor::accept, (read, total) -> { });
        return auditor.report();
    }

    /**
     * Asserts that every invariant holds, waiting (bounded) for outcomes still on their way: a test may end
     * right after its last command was decided, before a dead letter of an earlier record was committed.
     */
    static void assertClean(Map<String, Object> clientConfig) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(of(clientConfig).violations()).isEmpty());
    }
}
