package io.shopstreams.chaos;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeCheckTest {
    private static final Instant SENT = Instant.parse("2026-12-03T17:12:40.100Z");

    @Test
    void aProbeNotAnsweredInTimeIsSampledWithWhatEachInstanceDid() throws InterruptedException {
        ProbeAnswer late = new ProbeAnswer(Service.CART, "cart-1", "cart-a", 503, null, false, null, SENT,
                "cart-a: 503 after 20 ms; cart-b: none in 980 ms");
        ProbeAnswer missing = new ProbeAnswer(Service.CART, "cart-2", "cart-b", 404, "{\"error\":\"CART_NOT_FOUND\"}",
                true, null, SENT, "cart-b: 404 after 3 ms");
        // Nothing is read from the brokers: neither answer needs the log's fold.
        try (EventLog log = new EventLog("127.0.0.1:1", 1)) {
            ProbeCheck.Result result = ProbeCheck.check(List.of(late, missing), log);

            assertThat(result.probes()).isEqualTo(2);
            assertThat(result.answeredWithinOneSecond()).isEqualTo(1);
            assertThat(result.unavailable()).isEqualTo(1);
            assertThat(result.wrong()).isEqualTo(1);
            assertThat(result.samples()).containsExactly("cart cart-2 from cart-b at 2026-12-03T17:12:40.100Z: "
                    + "404 for an aggregate the log has: {\"error\":\"CART_NOT_FOUND\"}");
            assertThat(result.unansweredSamples()).containsExactly(
                    "cart cart-1 at 2026-12-03T17:12:40.100Z: cart-a: 503 after 20 ms; cart-b: none in 980 ms");
            assertThat(result.availabilityPercent()).isEqualTo(50.0);
        }
    }
}
