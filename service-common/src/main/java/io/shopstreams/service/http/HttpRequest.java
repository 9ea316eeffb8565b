package io.shopstreams.service.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the handlers see it: decoded path parameters and query, headers with lower-case names,
 * the body (already bounded in size), and the caller the port's authentication found ({@link HttpAuth}).
 */
public record HttpRequest(String method, String path, String rawQuery, Map<String, String> pathParams,
                          Map<String, String> query, Map<String, List<String>> headers, byte[] body,
                          Caller caller) {

    public String param(String name) {
        return pathParams.get(name);
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A query parameter as a long within [min, max], or the default when absent. */
    public long longParam(String name, long defaultValue, long min, long max) {
        Optional<String> raw = queryParam(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new BadRequestException("INVALID_PARAMETER", name + " must be an integer, got \"" + abbreviate(raw.get()) + "\"");
        }
        if (value < min || value > max) {
            throw new BadRequestException("INVALID_PARAMETER", name + " must be within " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
