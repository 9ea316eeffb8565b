package io.shopstreams.service.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The service's small HTTP port on the JDK's built-in server: a route table of {@code METHOD /a/{param}/b}
 * patterns, bearer-token checks ({@link HttpAuth}), bounded request bodies, headers and request time, a bounded
 * executor, a timer per route, and one error shape. No input can produce a 500: bad input becomes a 4xx; a bug
 * becomes a 500 with the contract's error body and a log line, and the server stays up.
 */
public final class HttpApi implements AutoCloseable {
    /** At most this many request headers ({@code sun.net.httpserver.maxReqHeaders}); more closes the connection. */
    public static final int MAX_REQUEST_HEADERS = 100;
    /** At most this many bytes of request headers ({@code sun.net.httpserver.maxReqHeaderSize}). */
    public static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;
    /**
     * A request's line, headers and body must arrive within this many seconds
     * ({@code sun.net.httpserver.maxReqTime}), so that slow clients cannot hold the server's threads. The time
     * a handler takes to answer (a long poll) does not count.
     */
    public static final int MAX_REQUEST_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String UNMATCHED = "unmatched";

    private final List<Route> routes = new ArrayList<>();
    private final int maxBodyBytes;
    private final HttpAuth auth;
    private final HttpMetrics metrics;
    private HttpServer server;
    private ThreadPoolExecutor executor;

    public HttpApi(int maxBodyBytes) {
        this(maxBodyBytes, HttpAuth.NONE, HttpMetrics.NONE);
    }

    public HttpApi(int maxBodyBytes, HttpAuth auth, HttpMetrics metrics) {
        this.maxBodyBytes = maxBodyBytes;
        this.auth = auth;
        this.metrics = metrics;
    }

    private record Route(String name, String method, String[] segments, Handler handler) {
    }

    public HttpApi route(String method, String pattern, Handler handler) {
        routes.add(new Route(method + " " + pattern, method, split(pattern), handler));
        return this;
    }

    /** Starts serving; port 0 picks a free port (see {@link #port()}). */
    public void start(String host, int port, int threads) throws IOException {
        applyServerLimits();
        server = HttpServer.create(new InetSocketAddress(host, port), 64);
        // Bounded: a flood of slow clients queues up to a limit; past it the accepting thread serves the request
        // itself, which slows accepting down (backpressure) instead of buffering without bound.
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                runnable -> {
                    Thread thread = new Thread(runnable, "http-" + port);
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    /**
     * The JDK server reads its limits once per JVM, when its first server is created; a limit already set as a
     * system property (e.g. {@code -Dsun.net.httpserver.maxReqHeaderSize=...}) is left as it is.
     */
    private static void applyServerLimits() {
        setIfAbsent("sun.net.httpserver.maxReqHeaders", MAX_REQUEST_HEADERS);
        setIfAbsent("sun.net.httpserver.maxReqHeaderSize", MAX_REQUEST_HEADER_BYTES);
        setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        // Without TCP_NODELAY a small response waits for the client's delayed ACK: ~40 ms per request.
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static void setIfAbsent(String property, int value) {
        setIfAbsent(property, Integer.toString(value));
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** A request's route (null when none matches), its path parameters, and whether another method has the path. */
    private record Lookup(Route route, Map<String, String> params, boolean pathMatched) {
    }

    private void dispatch(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        CompletableFuture<HttpResponse> answer;
        Lookup lookup = null;
        try {
            lookup = lookup(method, rawPath);
            answer = serve(exchange, method, rawPath, lookup).toCompletableFuture();
        } catch (Exception e) {
            answer = CompletableFuture.failedFuture(e);
        }
        String route = lookup == null || lookup.route() == null ? UNMATCHED : lookup.route().name();
        answer.handle((response, failure) -> failure == null ? response : fromFailure(exchange, failure))
                .thenAccept(response -> {
                    send(exchange, response);
                    metrics.answered(route, response.status(), System.nanoTime() - started);
                });
    }

    private Lookup lookup(String method, String rawPath) {
        String[] segments = split(rawPath);
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), segments);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (route.method().equals(method)) {
                return new Lookup(route, params, true);
            }
        }
        return new Lookup(null, Map.of(), pathMatched);
    }

    private java.util.concurrent.CompletionStage<HttpResponse> serve(HttpExchange exchange, String method,
                                                                    String rawPath, Lookup lookup) throws Exception {
        var refusal = auth.refusal(method, rawPath,
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(refusal.get());
        }
        if (lookup.route() == null) {
            return CompletableFuture.completedFuture(lookup.pathMatched()
                    ? HttpResponse.error(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + rawPath)
                    : HttpResponse.error(404, "NOT_FOUND", "no such resource: " + rawPath));
        }
        HttpRequest request = new HttpRequest(method, rawPath, exchange.getRequestURI().getRawQuery(),
                lookup.params(), parseQuery(exchange.getRequestURI().getRawQuery()), lowerCaseHeaders(exchange),
                readBody(exchange, method));
        return lookup.route().handler().handle(request);
    }

    private HttpResponse fromFailure(HttpExchange exchange, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof BadRequestException bad) {
            return HttpResponse.error(bad.status(), bad.code(), bad.getMessage());
        }
        LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), cause);
        return HttpResponse.error(500, "INTERNAL_ERROR", "the request failed inside the service; see its log");
    }

    private byte[] readBody(HttpExchange exchange, String method) throws IOException {
        if (method.equals("GET") || method.equals("HEAD")) {
            return new byte[0];
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw new BadRequestException(413, "PAYLOAD_TOO_LARGE",
                        "the body is larger than the limit of " + maxBodyBytes + " bytes");
            }
            return body;
        }
    }

    private static void send(HttpExchange exchange, HttpResponse response) {
        try (exchange) {
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean empty = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer and nothing lost.
            LOG.debug("could not send response: {}", e.getMessage());
        }
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static Map<String, String> match(String[] pattern, String[] actual) {
        if (pattern.length != actual.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String part = pattern[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), decode(actual[i]));
            } else if (!part.equals(actual[i])) {
                return null;
            }
        }
        return params;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("INVALID_PATH", "malformed percent-encoding in \"" + raw + "\"");
        }
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return headers;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(1);
            executor.shutdownNow();
        }
    }
}
