package io.shopstreams.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A deliberately lax HTTP/1.1 client on a raw socket, for requests no well-behaved client would send: any bytes
 * as the request, sent at once or trickled, then optionally half-closed. It reads one answer, bounded by a read
 * timeout, and says how the exchange ended.
 */
final class RawHttp {
    /** How one exchange ended: an answer (status, Retry-After, body), the server closing, or the bound passing. */
    record Outcome(Kind kind, int status, String retryAfter, String body, long millis) {
        enum Kind { ANSWERED, CLOSED, TIMED_OUT }

        @Override
        public String toString() {
            return kind == Kind.ANSWERED ? status + " " + body : kind + " after " + millis + " ms";
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code request} ({@code trickleMillis} > 0: one byte per that many ms, at most {@code trickleBytes}
     * of it), half-closes when asked, and reads the answer within {@code boundMillis} from the start.
     */
    static Outcome exchange(int port, byte[] request, boolean halfClose, int trickleBytes, int trickleMillis,
                            int boundMillis) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), boundMillis);
            socket.setSoTimeout(boundMillis);
            try {
                send(socket.getOutputStream(), request, trickleBytes, trickleMillis);
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may refuse mid-request (e.g. headers past its cap) and close: read what it said.
            }
            return read(socket.getInputStream(), request, started);
        } catch (SocketTimeoutException e) {
            return new Outcome(Outcome.Kind.TIMED_OUT, 0, null, "", elapsed(started));
        }
    }

    private static void send(OutputStream out, byte[] request, int trickleBytes, int trickleMillis) throws IOException {
        if (trickleMillis <= 0) {
            out.write(request);
            out.flush();
            return;
        }
        for (int i = 0; i < Math.min(trickleBytes, request.length); i++) {
            out.write(request[i]);
            out.flush();
            pause(trickleMillis);
        }
    }

    private static Outcome read(InputStream in, byte[] request, long started) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (endsWithBlankLine(head)) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // A reset: the server dropped the connection.
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/") || !endsWithBlankLine(head)) {
            return new Outcome(Outcome.Kind.CLOSED, 0, null, "", elapsed(started));
        }
        int status = Integer.parseInt(text.substring(9, 12));
        long length = header(text, "content-length") == null ? -1 : Long.parseLong(header(text, "content-length"));
        boolean isHead = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
        byte[] body = isHead || status == 204 || status == 304 ? new byte[0]
                : length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
        return new Outcome(Outcome.Kind.ANSWERED, status, header(text, "retry-after"),
                new String(body, StandardCharsets.UTF_8), elapsed(started));
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
        byte[] bytes = head.toByteArray();
        int n = bytes.length;
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis); // the point of a slow client
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trickling a request", e);
        }
    }
}
