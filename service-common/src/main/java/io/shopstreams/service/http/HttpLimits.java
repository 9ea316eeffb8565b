package io.shopstreams.service.http;

import java.util.List;
import java.util.Map;

/**
 * What one request may take from a service's HTTP port: its body, its headers and the time to send them, so
 * that no client can exhaust memory or the server's threads.
 *
 * @param maxBodyBytes a larger body is answered 413
 */
public record HttpLimits(int maxBodyBytes) {
    /** At most this many request headers; more is answered 431. */
    public static final int MAX_REQUEST_HEADERS = 100;
    /** At most this many bytes of request headers (names, values, separators); more is answered 431. */
    public static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;
    /**
     * The JDK server's own caps ({@code sun.net.httpserver.maxReqHeaders}, {@code maxReqHeaderSize}), a
     * multiple of ours: it closes the connection without an answer past them, so ours must be checked first to
     * answer a 431; only headers too large to buffer at all are cut off unanswered.
     */
    static final int JDK_CAP_FACTOR = 4;
    /**
     * A request's line, headers and body must arrive within this many seconds
     * ({@code sun.net.httpserver.maxReqTime}), so that slow clients cannot hold the server's threads. The time
     * a handler takes to answer (a long poll) does not count.
     */
    public static final int MAX_REQUEST_SECONDS = 30;

    /**
     * The JDK server reads its limits once per JVM, when its first server is created, so they are JVM-wide
     * properties; a limit already set (e.g. {@code -Dsun.net.httpserver.maxReqHeaderSize=...}) is left as it is.
     */
    static void applyToJdkServer() {
        setIfAbsent("sun.net.httpserver.maxReqHeaders", Integer.toString(JDK_CAP_FACTOR * MAX_REQUEST_HEADERS));
        setIfAbsent("sun.net.httpserver.maxReqHeaderSize", Integer.toString(JDK_CAP_FACTOR * MAX_REQUEST_HEADER_BYTES));
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        // Without TCP_NODELAY a small response waits for the client's delayed ACK: ~40 ms per request.
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    /** The refusal of headers over our limits, or null when they are within them. */
    static HttpResponse refusalOfHeaders(Map<String, List<String>> headers) {
        int count = 0;
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                count++;
                bytes += header.getKey().length() + value.length() + 4; // "name: value\r\n"
            }
        }
        if (count > MAX_REQUEST_HEADERS || bytes > MAX_REQUEST_HEADER_BYTES) {
            return HttpResponse.error(431, "HEADERS_TOO_LARGE", "at most " + MAX_REQUEST_HEADERS
                    + " request headers of " + MAX_REQUEST_HEADER_BYTES + " bytes in all; got " + count + " of "
                    + bytes + " bytes");
        }
        return null;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
