package io.shopstreams.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.shopstreams.events.JsonCodec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, extra headers and a body (JSON unless a content type header says otherwise). */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
    public static final String JSON = "application/json";

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse json(int status, Object body) {
        try {
            return new HttpResponse(status, Map.of("Content-Type", JSON), JsonCodec.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response body", e);
        }
    }

    public static HttpResponse rawJson(int status, byte[] body) {
        return new HttpResponse(status, Map.of("Content-Type", JSON), body);
    }

    public static HttpResponse text(int status, String contentType, String body) {
        return new HttpResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    /** The contract's error shape: {@code {"error":CODE,"message":...}}. */
    public static HttpResponse error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return json(status, body);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }
}
