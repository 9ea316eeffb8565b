package io.shopstreams.events;

/**
 * Stable codes for input that cannot be a message at all. These are the codes dead letters carry
 * (header {@code shop.error.code}); they never change meaning and are only ever added to.
 * Rule breaks of well-formed commands are not here: they become {@code CommandRejected} events.
 */
public enum ErrorCode {
    /** The record has no value, or an empty one. */
    EMPTY_VALUE,
    /** The value is larger than {@link JsonCodec#MAX_PAYLOAD_BYTES}. */
    PAYLOAD_TOO_LARGE,
    /** The value is not well-formed UTF-8 JSON. */
    NOT_JSON,
    /** The value is JSON but not one object. */
    NOT_AN_OBJECT,
    /** The object has no string {@code type} property. */
    MISSING_TYPE,
    /** The {@code type} names no message of this topic. */
    UNKNOWN_TYPE,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, e.g. a string where a number belongs. */
    WRONG_FIELD_TYPE,
    /** An identifier breaks the ID rule: 1-64 characters of {@code [A-Za-z0-9._:-]}. */
    INVALID_ID,
    /** A money amount is not an integer number of minor units, or is negative where it cannot be. */
    INVALID_MONEY,
    /** A field has the right type but a malformed value, e.g. a currency that is not ISO-4217. */
    INVALID_FIELD,
    /** The record has no key, or an empty one, where the key is the aggregate id. */
    MISSING_KEY,
    /** The record key breaks the ID rule or is not UTF-8. */
    INVALID_KEY,
    /** The body names another aggregate than the record key. */
    KEY_MISMATCH,
    /**
     * A valid message that the service failed to process (a bug, not bad input): kept as a dead letter so that
     * it can be re-published once fixed, instead of stopping the service or vanishing.
     */
    PROCESSING_ERROR
}
