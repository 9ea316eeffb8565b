package io.shopstreams.service.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP port's protections on a real socket: the bearer token (writes and admin always, reads when asked),
 * bounded request headers, and one timing per answered request tagged with its route pattern.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerSecurityTest {
    private static final String TOKEN = "s3cret-token";

    private record Timed(String route, int status) {
    }

    /** What the server thread measured; asserted on the test's thread, where a failure is seen. */
    private final List<Long> timings = new CopyOnWriteArrayList<>();

    private final List<Timed> timed = new CopyOnWriteArrayList<>();
    private final ApiServer writesProtected = api(HttpAuth.of(TOKEN, false));
    private final ApiServer allProtected = api(HttpAuth.of(TOKEN, true));
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiServer api(HttpAuth auth) {
        RouteTable routes = new RouteTable()
                .route("GET", "/things/{id}", request -> completedFuture(HttpResponse.json(200,
                        Map.of("id", request.param("id")))))
                .route("POST", "/things/{id}/notes", request -> completedFuture(HttpResponse.json(202, Map.of())))
                .route("GET", "/admin/digest", request -> completedFuture(HttpResponse.json(200, Map.of())))
                .route("GET", "/health", request -> completedFuture(HttpResponse.json(200, Map.of())));
        return new ApiServer(routes, new HttpLimits(1024), auth, (route, status, nanos) -> {
            timings.add(nanos);
            timed.add(new Timed(route, status));
        });
    }

    @BeforeAll
    void start() throws IOException {
        writesProtected.start("127.0.0.1", 0, 2);
        allProtected.start("127.0.0.1", 0, 2);
    }

    @AfterAll
    void stop() {
        writesProtected.close();
        allProtected.close();
    }

    @Test
    void a_write_without_the_token_is_401_with_another_403_and_with_it_served() throws Exception {
        var without = send(writesProtected, "POST", "/things/t-1/notes", null);
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(without.body()).contains("UNAUTHORIZED");

        var wrong = send(writesProtected, "POST", "/things/t-1/notes", "Bearer nope");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("FORBIDDEN").doesNotContain(TOKEN);

        assertThat(send(writesProtected, "POST", "/things/t-1/notes", "Bearer " + TOKEN).statusCode())
                .isEqualTo(202);
    }

    @Test
    void admin_needs_the_token_even_when_reads_are_open() throws Exception {
        assertThat(send(writesProtected, "GET", "/admin/digest", null).statusCode()).isEqualTo(401);
        assertThat(send(writesProtected, "GET", "/admin/digest", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void reads_are_open_unless_protected_and_probes_always_open() throws Exception {
        assertThat(send(writesProtected, "GET", "/things/t-1", null).statusCode()).isEqualTo(200);
        assertThat(send(writesProtected, "GET", "/things/t-1", "Bearer nope").statusCode())
                .as("an open read ignores the header").isEqualTo(200);

        assertThat(send(allProtected, "GET", "/things/t-1", null).statusCode()).isEqualTo(401);
        assertThat(send(allProtected, "GET", "/things/t-1", "Bearer nope").statusCode()).isEqualTo(403);
        assertThat(send(allProtected, "GET", "/things/t-1", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(send(allProtected, "GET", "/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void times_each_answer_by_route_pattern_never_by_raw_path() throws Exception {
        send(writesProtected, "GET", "/things/timed-1", null);
        send(writesProtected, "GET", "/no/such/thing-42", null);
        send(writesProtected, "POST", "/things/timed-2/notes", null);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(timed).contains(
                new Timed("GET /things/{id}", 200),
                new Timed("unmatched", 404),
                new Timed("POST /things/{id}/notes", 401)));
        assertThat(timed).noneMatch(t -> t.route().contains("timed-") || t.route().contains("thing-42"));
        assertThat(timings).allMatch(nanos -> nanos > 0);
    }

    @Test
    void headers_over_the_limit_are_answered_431_with_a_code_and_the_server_keeps_serving() throws Exception {
        String big = rawRequest("GET /things/t-1 HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "a".repeat(HttpLimits.MAX_REQUEST_HEADER_BYTES + 1024) + "\r\nConnection: close\r\n\r\n");
        assertThat(big).startsWith("HTTP/1.1 431").contains("\"error\":\"HEADERS_TOO_LARGE\"");

        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= HttpLimits.MAX_REQUEST_HEADERS; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertThat(rawRequest("GET /things/t-1 HTTP/1.1\r\nHost: localhost\r\n" + many + "Connection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 431").contains("\"error\":\"HEADERS_TOO_LARGE\"");

        assertThat(rawRequest("GET /things/t-1 HTTP/1.1\r\nHost: localhost\r\nX-Fine: " + "a".repeat(4096)
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void headers_too_large_to_buffer_are_cut_off_unanswered_and_the_server_keeps_serving() throws Exception {
        // Past the JDK server's own cap it closes the connection before the headers were read: nothing to answer.
        assertThat(rawRequest("GET /things/t-1 HTTP/1.1\r\nHost: localhost\r\nX-Huge: " + "a".repeat(8 * 1024 * 1024)
                + "\r\nConnection: close\r\n\r\n")).isEmpty();

        assertThat(rawRequest("GET /things/t-1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    /** The answer's text, empty when the server closed or reset the connection without one. */
    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", writesProtected.port())) {
            socket.setSoTimeout(10_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return ""; // the server closed while the request was still being written
            }
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (java.net.SocketException e) {
                return ""; // reset
            }
        }
    }

    private java.net.http.HttpResponse<String> send(ApiServer api, String method, String path, String authorization)
            throws Exception {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, method.equals("POST") ? BodyPublishers.ofString("{}") : BodyPublishers.noBody());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return client.send(builder.build(), BodyHandlers.ofString());
    }
}
