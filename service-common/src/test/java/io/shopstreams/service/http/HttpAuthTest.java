package io.shopstreams.service.http;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests need the bearer token, and how a missing or wrong one is answered. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpAuthTest {
    private static final String TOKEN = "t0ken-Of-the-service";

    @Nested
    class Without_a_token {

        @Test
        void nothing_is_protected() {
            assertThat(HttpAuth.of("", false)).isSameAs(HttpAuth.NONE);
            assertThat(HttpAuth.NONE.enabled()).isFalse();
            assertThat(HttpAuth.NONE.requiresToken("POST", "/carts/c-1/commands")).isFalse();
            assertThat(HttpAuth.NONE.refusal("GET", "/admin/digest", Optional.empty())).isEmpty();
            assertThat(HttpAuth.NONE.authorization()).isEmpty();
        }
    }

    @Nested
    class With_a_token {
        private final HttpAuth writes = HttpAuth.of(TOKEN, false);
        private final HttpAuth all = HttpAuth.of(TOKEN, true);

        @ParameterizedTest(name = "{0} {1}: writes only {2}, reads too {3}")
        @CsvSource({
                "POST,   /carts/c-1/commands,  true,  true",
                "DELETE, /carts/c-1,           true,  true",
                "GET,    /admin/digest,        true,  true",
                "GET,    /admin,               true,  true",
                "GET,    /carts/c-1,           false, true",
                "HEAD,   /carts/c-1,           false, true",
                "GET,    /metrics,             false, true",
                "GET,    /topology,            false, true",
                "GET,    /health,              false, false",
                "GET,    /ready,               false, false",
                "GET,    /administrator,       false, true"
        })
        void protects_writes_and_admin_and_reads_when_asked(String method, String path, boolean writesOnly,
                                                             boolean readsToo) {
            assertThat(writes.requiresToken(method, path)).isEqualTo(writesOnly);
            assertThat(all.requiresToken(method, path)).isEqualTo(readsToo);
        }

        @Test
        void answers_401_with_a_bearer_challenge_without_the_header() {
            HttpResponse refusal = writes.refusal("POST", "/carts/c-1/commands", Optional.empty()).orElseThrow();

            assertThat(refusal.status()).isEqualTo(401);
            assertThat(refusal.headers()).containsEntry("WWW-Authenticate", "Bearer");
            assertThat(new String(refusal.body())).contains("\"error\":\"UNAUTHORIZED\"").doesNotContain(TOKEN);
        }

        @Test
        void answers_401_for_another_scheme() {
            assertThat(writes.refusal("POST", "/x", Optional.of("Basic " + TOKEN)).orElseThrow().status())
                    .isEqualTo(401);
        }

        @Test
        void answers_403_for_another_token() {
            HttpResponse refusal = writes.refusal("POST", "/x", Optional.of("Bearer not-it")).orElseThrow();

            assertThat(refusal.status()).isEqualTo(403);
            assertThat(new String(refusal.body())).contains("\"error\":\"FORBIDDEN\"").doesNotContain(TOKEN);
            assertThat(writes.refusal("POST", "/x", Optional.of("Bearer " + TOKEN + "x"))).isPresent();
            assertThat(writes.refusal("POST", "/x", Optional.of("Bearer " + TOKEN.substring(1)))).isPresent();
        }

        @Test
        void accepts_the_token_whatever_the_case_of_the_scheme() {
            assertThat(writes.refusal("POST", "/x", Optional.of("Bearer " + TOKEN))).isEmpty();
            assertThat(writes.refusal("POST", "/x", Optional.of("bearer " + TOKEN))).isEmpty();
        }

        @Test
        void gives_other_instances_its_header() {
            assertThat(writes.authorization()).contains("Bearer " + TOKEN);
        }

        @Test
        void never_shows_the_token() {
            assertThat(writes.toString()).doesNotContain(TOKEN).contains("reads open");
            assertThat(all.toString()).doesNotContain(TOKEN).contains("reads protected");
        }
    }

    @Test
    void compares_tokens_of_any_length_exactly() {
        assertThat(HttpAuth.constantTimeEquals(TOKEN, TOKEN)).isTrue();
        assertThat(HttpAuth.constantTimeEquals(TOKEN, TOKEN + " ")).isFalse();
        assertThat(HttpAuth.constantTimeEquals(TOKEN, "")).isFalse();
        assertThat(HttpAuth.constantTimeEquals("", "")).isTrue();
        assertThat(HttpAuth.constantTimeEquals("é", "e")).isFalse();
    }
}
