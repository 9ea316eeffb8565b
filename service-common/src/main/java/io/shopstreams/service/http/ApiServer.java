package io.shopstreams.service.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The service's small HTTP port on the JDK's built-in server: serves a {@link RouteTable}'s routes behind bearer-token
 * checks ({@link HttpAuth}) within {@link HttpLimits}, on a bounded executor, timing every answer, with one
 * error shape. No input can produce a 500: bad input becomes a 4xx; a bug becomes a 500 with the contract's
 * error body and a log line, and the server stays up.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final RouteTable routes;
    private final HttpLimits limits;
    private final HttpAuth auth;
    private final HttpTls tls;
    private final HttpMetrics metrics;
    private HttpServer server;
    private ThreadPoolExecutor executor;

    public ApiServer(RouteTable routes, HttpLimits limits, HttpAuth auth, HttpMetrics metrics) {
        this(routes, limits, auth, metrics, HttpTls.OFF);
    }

    public ApiServer(RouteTable routes, HttpLimits limits, HttpAuth auth, HttpMetrics metrics, HttpTls tls) {
        this.routes = routes;
        this.limits = limits;
        this.auth = auth;
        this.metrics = metrics;
        this.tls = tls;
    }

    /** Starts serving; port 0 picks a free port (see {@link #port()}). */
    public void start(String host, int port, int threads) throws IOException {
        HttpLimits.applyToJdkServer();
        server = tls.createServer(new InetSocketAddress(host, port), 64);
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

    public int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        CompletableFuture<HttpResponse> answer;
        RouteTable.Match match = null;
        try {
            match = routes.match(method, rawPath);
            answer = serve(exchange, method, rawPath, match).toCompletableFuture();
        } catch (Exception e) {
            answer = CompletableFuture.failedFuture(e);
        }
        String route = match == null ? RouteTable.UNMATCHED : match.routeName();
        answer.handle((response, failure) -> failure == null ? response : fromFailure(exchange, failure))
                .thenAccept(response -> {
                    send(exchange, response);
                    metrics.answered(route, response.status(), System.nanoTime() - started);
                });
    }

    private CompletionStage<HttpResponse> serve(HttpExchange exchange, String method, String rawPath,
                                                RouteTable.Match match) throws Exception {
        Map<String, List<String>> headers = lowerCaseHeaders(exchange);
        HttpResponse tooLarge = HttpLimits.refusalOfHeaders(headers);
        if (tooLarge != null) {
            return CompletableFuture.completedFuture(tooLarge);
        }
        HttpAuth.Decision access = auth.authorize(method, rawPath, match.routeName(), match.params(),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
        if (!access.allowed()) {
            return CompletableFuture.completedFuture(access.refusal());
        }
        if (match.handler() == null) {
            return CompletableFuture.completedFuture(match.status() == 405
                    ? HttpResponse.error(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + rawPath)
                    : HttpResponse.error(404, "NOT_FOUND", "no such resource: " + rawPath));
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        HttpRequest request = new HttpRequest(method, rawPath, rawQuery, match.params(), QueryString.parse(rawQuery),
                headers, readBody(exchange, method), access.caller());
        return match.handler().handle(request);
    }

    private static HttpResponse fromFailure(HttpExchange exchange, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof BadRequestException bad) {
            return HttpResponse.error(bad.status(), bad.code(), bad.getMessage());
        }
        LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), cause);
        return HttpResponse.error(500, "INTERNAL_ERROR", "the request failed inside the service; see its log");
    }

    private byte[] readBody(HttpExchange exchange, String method) {
        if (method.equals("GET") || method.equals("HEAD")) {
            // Read and drop what a client sent along (up to the limit): a body left unread past the JDK's
            // 64 KiB drain makes the close reset the connection before the client has read the answer.
            try (InputStream in = exchange.getRequestBody()) {
                in.readNBytes(limits.maxBodyBytes() + 1);
            } catch (IOException e) {
                // The client's framing is broken; there is nothing of it to use either way.
            }
            return new byte[0];
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(limits.maxBodyBytes() + 1);
        } catch (IOException e) {
            // The client's framing is broken (fewer bytes than its Content-Length, malformed chunks): its error.
            throw new BadRequestException(400, "INCOMPLETE_BODY", "the request body is cut short or its chunked"
                    + " encoding is malformed: " + e.getMessage());
        }
        if (body.length > limits.maxBodyBytes()) {
            throw new BadRequestException(413, "PAYLOAD_TOO_LARGE",
                    "the body is larger than the limit of " + limits.maxBodyBytes() + " bytes");
        }
        return body;
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
