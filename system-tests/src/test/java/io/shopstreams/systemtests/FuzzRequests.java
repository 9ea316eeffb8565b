package io.shopstreams.systemtests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Random and malformed HTTP requests for a cart-stream port, each a pure function of (seed, index): a failure
 * found with one seed is found again with it, whatever the order the requests ran in.
 */
final class FuzzRequests {
    /** One request: its bytes, how to send them, and whether it may wait as a long poll (and so answer 504). */
    record Request(int index, byte[] bytes, boolean halfClose, boolean longPoll) {
        String preview() {
            StringBuilder text = new StringBuilder("#" + index + " ");
            for (int i = 0; i < Math.min(bytes.length, 200); i++) {
                int b = bytes[i] & 0xff;
                text.append(b >= 0x20 && b < 0x7f ? Character.toString(b) : String.format("\\x%02x", b));
            }
            return text.toString();
        }
    }

    private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "POST", "PUT", "DELETE",
            "HEAD", "OPTIONS", "PATCH", "TRACE", "BREW", "get", "G\u00c9T", "");
    private static final List<String> ROUTES = List.of("/carts/{id}", "/carts/{id}", "/carts/{id}/commands",
            "/carts/{id}/commands", "/carts/{id}/commands/{id}", "/health", "/ready", "/metrics", "/topology",
            "/admin/digest", "/", "/carts", "/carts/", "/carts/{id}/", "/carts//commands", "/{id}/{id}/{id}/{id}",
            "/carts/{id}/commands/{id}/x", "*", "http://127.0.0.1/carts/{id}", "/carts/../health");
    private static final List<String> BAD_IDS = List.of("", "a b", "%", "%zz", "%C3%28", "%2F", "..%2F..%2Fetc",
            "%00", "\u00e9t\u00e9", "\u6f22\u5b57", "%E2%82%AC", "a%2Fb", "id;x=1", "<script>", "a\tb", "%25%32%46",
            "cart-1?x", "cart#1", "%F0%9F%98%80", "\ud83d\ude00", "%u0041", "+", "%20");
    private static final List<String> BODIES = List.of("{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":1}",
            "{\"type\":\"AddItem\",\"sku\":\"sku-mug\",\"quantity\":\"1\"}", "{\"type\":\"ClearCart\"}",
            "{\"type\":\"Checkout\",\"customerId\":\"c-1\"}", "{\"type\":", "{\"type\":\"AddItem\",\"sku\":",
            "[]", "null", "42", "\"x\"", "{\"type\":\"Teleport\"}", "{\"type\":\"AddItem\",\"quantity\":1e400}",
            "{\"type\":\"AddItem\",\"a\":1,\"a\":2}", "{\"type\":\"ClearCart\",\"cartId\":\"other\"}", "");

    private final long seed;

    FuzzRequests(long seed) {
        this.seed = seed;
    }

    Request get(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        if (random.nextInt(20) == 0) {
            // Always half-closed: garbage without an end is a slow client, and those are HttpFuzzIT.SlowClients'.
            return new Request(index, garbage(random), true, false);
        }
        String method = pick(random, METHODS);
        String[] target = target(random);
        byte[] body = body(random, method);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, method + " " + target[0] + " " + (random.nextInt(30) == 0 ? "HTTP/9.9" : "HTTP/1.1") + "\r\n");
        boolean framed = headers(random, out, body);
        write(out, "\r\n");
        int sent = random.nextInt(15) == 0 ? random.nextInt(body.length + 1) : body.length; // truncated bodies too
        out.write(body, 0, sent);
        // A request that promises more bytes than it sends is half-closed, so that the server sees its end:
        // waiting for bytes that never come is the slow clients' part (HttpFuzzIT.SlowClients), bounded otherwise.
        boolean halfClose = !framed || sent < body.length || random.nextInt(10) == 0;
        return new Request(index, out.toByteArray(), halfClose, target[1] != null);
    }

    /** The request target and, for a long poll, its minVersion. */
    private static String[] target(Random random) {
        String path = pick(random, ROUTES);
        while (path.contains("{id}")) {
            path = path.replaceFirst("\\{id}", java.util.regex.Matcher.quoteReplacement(id(random)));
        }
        String longPoll = null;
        StringBuilder query = new StringBuilder();
        int params = random.nextInt(4) == 0 ? random.nextInt(6) : 0;
        for (int i = 0; i < params; i++) {
            query.append(i == 0 ? "?" : "&").append(param(random));
        }
        if (random.nextInt(8) == 0) {
            // A long poll, bounded so that the fuzz never waits long for a version that never comes.
            longPoll = Long.toString(1 + random.nextInt(5));
            query.append(query.length() == 0 ? "?" : "&").append("minVersion=").append(longPoll)
                    .append("&timeoutMs=").append(random.nextInt(300));
        }
        return new String[] {path + query, longPoll};
    }

    private static String id(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "x".repeat(65 + random.nextInt(random.nextBoolean() ? 100 : 8000));
            case 1, 2 -> pick(random, BAD_IDS);
            case 3 -> randomText(random, 1 + random.nextInt(20));
            default -> "cart-" + random.nextInt(50);
        };
    }

    private static String param(Random random) {
        List<String> names = List.of("minVersion", "timeoutMs", "x", "", "%zz", "minVersion", "a[b]");
        List<String> values = List.of("", "-1", "abc", "99999999999999999999", "0", "1.5", "%", "%00", "60001",
                "1e3", "\u00e9", "9223372036854775807");
        String name = pick(random, names);
        String value = pick(random, values);
        // minVersion with a real wait is built by target(): here the poll would use its default 30 s.
        if (name.equals("minVersion") && value.matches("[1-9][0-9]{0,18}")) {
            value = "abc";
        }
        return random.nextInt(5) == 0 ? name : name + "=" + value;
    }

    private static byte[] body(Random random, String method) {
        if (!method.equals("POST") && random.nextInt(5) != 0) {
            return new byte[0];
        }
        return switch (random.nextInt(8)) {
            case 0 -> randomBytes(random, random.nextInt(2000));
            case 1 -> ("{\"type\":\"AddItem\",\"pad\":\"" + "x".repeat(60_000 + random.nextInt(400_000)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> nested(random.nextInt(100_000));
            default -> pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] nested(int depth) {
        return ("{\"type\":\"AddItem\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the headers; returns whether the body's framing (its length) is what the headers declare. */
    private static boolean headers(Random random, ByteArrayOutputStream out, byte[] body) {
        write(out, "Host: 127.0.0.1\r\n");
        int framing = random.nextInt(12);
        switch (framing) {
            case 0 -> write(out, "Content-Length: " + (random.nextBoolean() ? "abc" : "-5") + "\r\n");
            case 1 -> write(out, "Content-Length: " + body.length + "\r\nContent-Length: " + (body.length + 3) + "\r\n");
            case 2 -> write(out, "Transfer-Encoding: chunked\r\n");
            default -> write(out, "Content-Length: " + body.length + "\r\n");
        }
        int extra = random.nextInt(10) == 0 ? random.nextInt(600) : random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            write(out, header(random, i));
        }
        if (random.nextBoolean()) {
            write(out, "Connection: close\r\n");
        }
        return framing > 2;
    }

    private static String header(Random random, int i) {
        return switch (random.nextInt(8)) {
            case 0 -> "X-Big-" + i + ": " + "v".repeat(random.nextInt(30_000)) + "\r\n";
            case 1 -> "Bad Name " + i + ": x\r\n";
            case 2 -> ": no name\r\n";
            case 3 -> "\u00c4rger-" + i + ": \u00fc\r\n";
            case 4 -> "X-No-Colon-" + i + "\r\n";
            case 5 -> "Authorization: Bearer " + randomText(random, random.nextInt(100)) + "\r\n";
            case 6 -> "X-Shop-Forwarded: " + randomText(random, 5) + "\r\n";
            default -> "X-Fuzz-" + i + ": " + randomText(random, random.nextInt(50)) + "\r\n";
        };
    }

    private static byte[] garbage(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> randomBytes(random, random.nextInt(5000));
            case 1 -> "GET /health\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            case 2 -> ("GET /" + "a".repeat(100_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            default -> "\r\n\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 0x21 + random.nextInt(0x5e) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** Request lines and headers go out as UTF-8: non-ASCII bytes are part of the fuzz. */
    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
