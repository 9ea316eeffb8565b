package io.shopstreams.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.shopstreams.events.JsonCodec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An order-independent fingerprint of a store: the count of entries and the sum (mod 2^64) of a SHA-256 prefix
 * of each entry. Sums combine across partitions and instances in any order, so two states compare by value.
 */
public final class StoreDigest {
    private long count;
    private long sum;

    public void add(String key, Object value) {
        add(key + '\u0000' + json(value));
    }

    public void add(String entry) {
        count++;
        sum += prefix(entry);
    }

    public void add(long otherCount, long otherSum) {
        count += otherCount;
        sum += otherSum;
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    public String hex() {
        return String.format("%016x", sum);
    }

    public static long parseHex(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }

    private static String json(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write store value", e);
        }
    }

    private static long prefix(String entry) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(entry.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
