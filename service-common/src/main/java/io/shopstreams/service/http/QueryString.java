package io.shopstreams.service.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percent-decoding of path segments and query strings, where bad encoding is the client's error (400). */
final class QueryString {
    private QueryString() {
    }

    /** The parameters of a raw query; the first of a repeated name wins. */
    static Map<String, String> parse(String rawQuery) {
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

    /** Decodes percent-encoding; a '+' stays a '+' (it is a space only in HTML forms, which we do not take). */
    static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("INVALID_PATH", "malformed percent-encoding in \"" + raw + "\"");
        }
    }
}
