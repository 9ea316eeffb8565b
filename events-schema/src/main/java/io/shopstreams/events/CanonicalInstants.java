package io.shopstreams.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one shape of instant the services write, {@code 2026-11-26T12:03:17.250Z} (UTC, four-digit year, a
 * fraction of one to nine digits or none), without {@code DateTimeFormatter}: its general parser, with its maps of
 * parsed fields, was a third of the time Jackson took to decode a cart event. Anything else, valid or not, is
 * left to the general parser ({@link #parse} returns null), so what is accepted and what it means stay exactly
 * {@code DateTimeFormatter.ISO_INSTANT}'s (leap seconds, offsets, other years included).
 */
final class CanonicalInstants {
    private static final int DATE_TIME_LENGTH = "2026-11-26T12:03:17".length();
    private static final int[] NANOS_PER_DIGIT = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
            10, 1};

    private CanonicalInstants() {
    }

    /** The instant {@code text} stands for, or null when it is not of the canonical shape or not a real date. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < DATE_TIME_LENGTH + 1 || length > DATE_TIME_LENGTH + 11 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > DATE_TIME_LENGTH + 1) {
            int fractionDigits = length - DATE_TIME_LENGTH - 2;
            if (text.charAt(DATE_TIME_LENGTH) != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = digits(text, DATE_TIME_LENGTH + 1, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * NANOS_PER_DIGIT[fractionDigits - 1];
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} ASCII digits from {@code from}, or -1 if any of them is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
