package io.shopstreams.service.http;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT mode on a real socket, with the services' route patterns: which role reaches which route, and every
 * refusal's status, code and {@code WWW-Authenticate}. The handlers answer with the caller they were given.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAccessTest {
    private static final String INSTANCE_TOKEN = "instance-s3cret";
    private final DevTokenIssuer issuer = new DevTokenIssuer();
    private final JwtVerifier verifier = new JwtVerifier(new ImmutableJWKSet<>(new JWKSet(issuer.publicKey())),
            DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE, "scope", Duration.ofSeconds(30));
    private final ApiServer api = api(HttpAuth.jwt(verifier, INSTANCE_TOKEN, false));
    private final ApiServer metricsOpen = api(HttpAuth.jwt(verifier, "", true));
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final List<String[]> ROUTES = List.of(
            new String[]{"GET", "/health", "/health"},
            new String[]{"GET", "/ready", "/ready"},
            new String[]{"GET", "/metrics", "/metrics"},
            new String[]{"GET", "/topology", "/topology"},
            new String[]{"GET", "/admin/digest", "/admin/digest"},
            new String[]{"GET", "/carts/{cartId}", "/carts/cart-1"},
            new String[]{"POST", "/carts/{cartId}/commands", "/carts/cart-1/commands"},
            new String[]{"GET", "/carts/{cartId}/commands/{commandId}", "/carts/cart-1/commands/c-1"},
            new String[]{"GET", "/orders/{orderId}", "/orders/order-1"},
            new String[]{"POST", "/orders/{orderId}/commands", "/orders/order-1/commands"},
            new String[]{"GET", "/orders/{orderId}/commands/{commandId}", "/orders/order-1/commands/c-1"},
            new String[]{"GET", "/customers/{customerId}/orders", "/customers/customer-7/orders"});

    private ApiServer api(HttpAuth auth) {
        RouteTable routes = new RouteTable();
        for (String[] route : ROUTES) {
            routes.route(route[0], route[1], request -> completedFuture(HttpResponse.json(200,
                    Map.of("subject", request.caller().subject()))));
        }
        return new ApiServer(routes, new HttpLimits(1024), auth, HttpMetrics.NONE);
    }

    @BeforeAll
    void start() throws IOException {
        api.start("127.0.0.1", 0, 2);
        metricsOpen.start("127.0.0.1", 0, 2);
    }

    @AfterAll
    void stop() {
        api.close();
        metricsOpen.close();
    }

    private String token(String subject, String... roles) {
        return issuer.token(subject, List.of(roles), Duration.ofMinutes(5));
    }

    /** Route path -> status, for every route, with {@code authorization} (null for none). */
    private Map<String, Integer> statuses(ApiServer server, String authorization) throws Exception {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (String[] route : ROUTES) {
            statuses.put(route[0] + " " + route[2], send(server, route[0], route[2], authorization).statusCode());
        }
        return statuses;
    }

    private java.net.http.HttpResponse<String> send(ApiServer server, String method, String path,
                                                    String authorization) throws Exception {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, method.equals("POST") ? BodyPublishers.ofString("{}") : BodyPublishers.noBody());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return client.send(builder.build(), BodyHandlers.ofString());
    }

    private static Map<String, Integer> expect(int health, int ready, int metrics, int topology, int digest,
                                               int cart, int cartPost, int cartOutcome, int order, int orderPost,
                                               int orderOutcome, int customer7) {
        int[] all = {health, ready, metrics, topology, digest, cart, cartPost, cartOutcome, order, orderPost,
                orderOutcome, customer7};
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < ROUTES.size(); i++) {
            expected.put(ROUTES.get(i)[0] + " " + ROUTES.get(i)[2], all[i]);
        }
        return expected;
    }

    @Test
    void each_role_reaches_exactly_its_routes() throws Exception {
        assertThat(statuses(api, null)).as("no token")
                .isEqualTo(expect(200, 200, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401));
        assertThat(statuses(api, "Bearer " + token("reader", "shop:read"))).as("shop:read")
                .isEqualTo(expect(200, 200, 403, 403, 403, 200, 403, 200, 200, 403, 200, 200));
        assertThat(statuses(api, "Bearer " + token("frontend", "cart:write"))).as("cart:write")
                .isEqualTo(expect(200, 200, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403));
        assertThat(statuses(api, "Bearer " + token("backend", "order:write"))).as("order:write")
                .isEqualTo(expect(200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403));
        assertThat(statuses(api, "Bearer " + token("ops", "shop:admin"))).as("shop:admin")
                .isEqualTo(expect(200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403));
        // A customer: its own customer index, reading and commanding orders the handler then checks, nothing else.
        assertThat(statuses(api, "Bearer " + token("customer-7", "customer"))).as("customer-7")
                .isEqualTo(expect(200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 403, 200));
        assertThat(statuses(api, "Bearer " + token("customer-8", "customer"))).as("customer-8")
                .isEqualTo(expect(200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403));
        assertThat(statuses(api, "Bearer " + INSTANCE_TOKEN)).as("the instance token")
                .isEqualTo(expect(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
    }

    @Test
    void metrics_can_be_left_open_for_a_scraper_without_credentials() throws Exception {
        assertThat(send(metricsOpen, "GET", "/metrics", null).statusCode()).isEqualTo(200);
        assertThat(send(metricsOpen, "GET", "/topology", null).statusCode()).isEqualTo(401);
        assertThat(send(metricsOpen, "GET", "/carts/cart-1", "Bearer " + INSTANCE_TOKEN).statusCode())
                .as("no instance token configured: it is just an invalid JWT").isEqualTo(401);
    }

    @Test
    void the_handler_gets_the_tokens_subject() throws Exception {
        var answer = send(api, "GET", "/customers/customer-7/orders", "Bearer " + token("customer-7", "customer"));
        assertThat(answer.body()).isEqualTo("{\"subject\":\"customer-7\"}");
    }

    @Test
    void refusals_say_why_in_the_body_and_the_challenge() throws Exception {
        var missing = send(api, "GET", "/carts/cart-1", null);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"shop\"");
        assertThat(missing.body()).contains("\"error\":\"UNAUTHORIZED\"");

        String expired = issuer.sign(new JWTClaimsSet.Builder().issuer(DevTokenIssuer.ISSUER)
                .audience(DevTokenIssuer.AUDIENCE).subject("reader").claim("scope", "shop:read")
                .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build());
        var invalid = send(api, "GET", "/carts/cart-1", "Bearer " + expired);
        assertThat(invalid.statusCode()).isEqualTo(401);
        assertThat(invalid.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"shop\", error=\"invalid_token\", error_description=\"Expired JWT");
        assertThat(invalid.body()).contains("\"error\":\"INVALID_TOKEN\"").contains("Expired JWT");

        var garbage = send(api, "GET", "/carts/cart-1", "Bearer not.a.token");
        assertThat(garbage.statusCode()).isEqualTo(401);

        var lacking = send(api, "POST", "/carts/cart-1/commands", "Bearer " + token("reader", "shop:read"));
        assertThat(lacking.statusCode()).isEqualTo(403);
        assertThat(lacking.body()).contains("\"error\":\"MISSING_ROLE\"").contains("cart:write");

        var otherCustomer = send(api, "GET", "/customers/customer-7/orders",
                "Bearer " + token("customer-8", "customer"));
        assertThat(otherCustomer.body()).contains("\"error\":\"NOT_OWNER\"");
    }

    @Test
    void an_unknown_path_needs_a_token_before_it_is_a_404() throws Exception {
        assertThat(send(api, "GET", "/nothing", null).statusCode()).isEqualTo(401);
        assertThat(send(api, "GET", "/nothing", "Bearer " + token("reader", "shop:read")).statusCode()).isEqualTo(404);
    }
}
