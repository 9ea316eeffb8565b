package io.shopstreams.service.http;

/** Input that cannot be served; becomes a 4xx with the contract's error body, never a 500. */
public final class BadRequestException extends RuntimeException {
    private final int status;
    private final String code;

    public BadRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public BadRequestException(String code, String message) {
        this(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
