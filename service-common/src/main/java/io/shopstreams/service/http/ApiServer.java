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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
    /** How much of a body over the limit is read and dropped before the answer (as Tomcat's maxSwallowSize). */
    private static final long SWALLOW_BYTES = 2L << 20;
    /** How long a connection that is closed after its answer stays open for the client to read the answer. */
    private static final long LINGER_MILLIS = 2_000;

    private final RouteTable routes;
    private final HttpLimits limits;
    private final HttpAuth auth;
    private final HttpTls tls;
    private final HttpMetrics metrics;
    private HttpServer server;
    private ThreadPoolExecutor executor;
    private ScheduledExecutorService closer;

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
        closer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http-" + port + "-closer");
            thread.setDaemon(true);
            return thread;
        });
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
        // A body sent along with a read is dropped first: one that cannot be read whole is refused, with a short
        // answer, instead of the page (which may be too large to reach the client before the close; see below).
        RestOfBody restOfRead = method.equals("GET") || method.equals("HEAD") ? swallowRestOfBody(exchange) : null;
        CompletableFuture<HttpResponse> answer;
        RouteTable.Match match = null;
        try {
            match = routes.match(method, rawPath);
            answer = restOfRead != null && restOfRead != RestOfBody.READ
                    ? CompletableFuture.completedFuture(restOfRead.refusal(swallowBound()))
                    : serve(exchange, method, rawPath, match).toCompletableFuture();
        } catch (Exception e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // Here, on the HTTP thread: an answer may complete on a Kafka client's thread, which must not wait on a client.
        boolean wholeBodyRead = (restOfRead != null ? restOfRead : swallowRestOfBody(exchange)) == RestOfBody.READ;
        String route = match == null ? RouteTable.UNMATCHED : match.routeName();
        answer.handle((response, failure) -> failure == null ? response : fromFailure(exchange, failure))
                .thenAccept(response -> {
                    send(exchange, wholeBodyRead ? response : response.withHeader("Connection", "close"),
                            !wholeBodyRead);
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

    /**
     * Reads and drops what is left of the request body, up to a bound: a body left unread past the JDK server's
     * 64 KiB drain (a body refused as too large, or sent along with a GET or a refused request) makes it close
     * the socket with unread data, and Linux then resets the connection, often before the client has read the
     * answer. Where the body is longer than the bound or broken, that connection is closed after the answer.
     */
    private RestOfBody swallowRestOfBody(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[8192];
            long left = swallowBound();
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
            return in.read() < 0 ? RestOfBody.READ : RestOfBody.TOO_LONG;
        } catch (IOException e) {
            // The client's framing is broken: nothing more can be read, and the connection is not reusable.
            return RestOfBody.BROKEN;
        }
    }

    private long swallowBound() {
        return Math.max(SWALLOW_BYTES, limits.maxBodyBytes());
    }

    /** How reading what was left of a request body ended. */
    private enum RestOfBody {
        READ, TOO_LONG, BROKEN;

        HttpResponse refusal(long bound) {
            return this == TOO_LONG
                    ? HttpResponse.error(413, "PAYLOAD_TOO_LARGE", "the body is larger than the limit of " + bound
                            + " bytes")
                    : HttpResponse.error(400, "INCOMPLETE_BODY", "the request body is cut short or its chunked"
                            + " encoding is malformed");
        }
    }

    private byte[] readBody(HttpExchange exchange, String method) {
        if (method.equals("GET") || method.equals("HEAD")) {
            // What a client sent along is dropped (swallowRestOfBody).
            return new byte[0];
        }
        byte[] body;
        try {
            // Not closed here: swallowRestOfBody reads the rest of a body over the limit first.
            body = exchange.getRequestBody().readNBytes(limits.maxBodyBytes() + 1);
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

    /**
     * Sends the answer. One on a connection with request bytes left unread ({@code unreadRequest}) is closed
     * only {@link #LINGER_MILLIS} later, as nginx's lingering close: Linux answers a close with unread data with
     * a reset, which drops what the client has not read yet, the answer included.
     */
    private void send(HttpExchange exchange, HttpResponse response, boolean unreadRequest) {
        boolean linger = unreadRequest;
        try {
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean empty = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            if (!empty) {
                OutputStream out = exchange.getResponseBody();
                out.write(response.body());
                // Closing the body is what makes the JDK server close the connection.
                out.flush();
            }
        } catch (IOException e) {
            // The client went away; nothing to answer and nothing lost.
            LOG.debug("could not send response: {}", e.getMessage());
            linger = false;
        }
        if (linger) {
            closer.schedule(exchange::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            exchange.close();
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
            closer.shutdownNow();
        }
    }
}
