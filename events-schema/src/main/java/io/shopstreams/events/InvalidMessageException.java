package io.shopstreams.events;

/**
 * Input that cannot be a message. Always carries a stable {@link ErrorCode} and a message a person can act
 * on; {@link #field()} names the offending field when there is one.
 */
public final class InvalidMessageException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public InvalidMessageException(ErrorCode code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public InvalidMessageException(ErrorCode code, String message) {
        this(code, null, message);
    }

    public ErrorCode code() {
        return code;
    }

    /** The offending field's JSON path (e.g. {@code lines[0].sku}), or null when the whole value is at fault. */
    public String field() {
        return field;
    }

    /**
     * This failure as seen from an enclosing object: a nested record only knows its own field names, so
     * {@code sku} inside the first line becomes {@code lines[0].sku}, in the field and in the message.
     */
    InvalidMessageException under(String path) {
        if (path.isEmpty()) {
            return this;
        }
        if (field == null) {
            return new InvalidMessageException(code, path, path + ": " + getMessage());
        }
        String nested = path + "." + field;
        String message = getMessage().startsWith(field)
                ? nested + getMessage().substring(field.length())
                : nested + ": " + getMessage();
        return new InvalidMessageException(code, nested, message);
    }
}
