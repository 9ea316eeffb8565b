package io.shopstreams.events;

import java.util.List;
import java.util.regex.Pattern;

/** Field rules shared by every message. Each check throws {@link InvalidMessageException} naming the field. */
public final class Fields {
    /** docs/contract.md, section 3.1: IDs are 1-64 chars of [A-Za-z0-9._:-]. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Fields() {
    }

    /** The same rule as {@link #ID}, without a regex: it runs several times per command. */
    public static boolean isValidId(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static String id(String field, String value) {
        present(field, value);
        if (!isValidId(value)) {
            throw new InvalidMessageException(ErrorCode.INVALID_ID, field,
                    field + " must be 1-64 characters of [A-Za-z0-9._:-], got \"" + abbreviate(value) + "\"");
        }
        return value;
    }

    /** An optional ID: null passes, anything else must follow the ID rule. */
    public static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    public static String text(String field, String value) {
        present(field, value);
        return value;
    }

    public static String currency(String field, String value) {
        present(field, value);
        if (!CURRENCY.matcher(value).matches()) {
            throw new InvalidMessageException(ErrorCode.INVALID_FIELD, field,
                    field + " must be an ISO-4217 code of three capital letters, got \"" + abbreviate(value) + "\"");
        }
        return value;
    }

    public static long nonNegativeMoney(String field, long cents) {
        if (cents < 0) {
            throw new InvalidMessageException(ErrorCode.INVALID_MONEY, field,
                    field + " must not be negative, got " + cents);
        }
        return cents;
    }

    /** A required list without null elements, copied so that the record stays immutable. */
    public static <T> List<T> list(String field, List<T> values) {
        present(field, values);
        for (int i = 0; i < values.size(); i++) {
            present(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidMessageException(ErrorCode.MISSING_FIELD, field, field + " is required");
        }
        return value;
    }

    static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
