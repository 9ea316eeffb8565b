package io.shopstreams.shopctl.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code dlq replay} does with each chosen dead letter, given what earlier runs re-published. Each dead
 * letter is re-published at most once ever; and a dead letter of a re-published record (same key and value,
 * failed again) is not re-published either, which would loop. Pure.
 */
public final class RepublishPlan {
    /**
     * The header that tags a re-published record with the dead letter it came from: {@code P@O}. Its name
     * follows the CLI verb {@code dlq replay}; records already tagged by earlier runs carry it.
     */
    static final String REPUBLISHED_FROM = "shop.replay.of";

    /** One decision. {@code topic} is set exactly when the dead letter is to be published. */
    record Step(DeadLetter letter, String topic, String reason, boolean refused) {
        boolean publish() {
            return topic != null;
        }
    }

    /** The re-published records found in the target topics: by tag, and by key and value. */
    static final class History {
        private record Earlier(String position, String tag) {
        }

        private final Map<String, String> byTag = new HashMap<>();
        private final Map<String, Earlier> byContent = new HashMap<>();

        /** A record at {@code position} ({@code topic-p@o}) that carries {@code shop.replay.of=tag}. */
        void add(String tag, String position, byte[] key, byte[] value) {
            byTag.putIfAbsent(tag, position);
            byContent.putIfAbsent(fingerprint(key, value), new Earlier(position, tag));
        }

        int size() {
            return byTag.size();
        }
    }

    private RepublishPlan() {
    }

    static List<Step> plan(List<DeadLetter> chosen, History history) {
        List<Step> steps = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (DeadLetter letter : chosen) {
            DeadLetterRoute route = DeadLetterRoute.of(letter.sourceTopic());
            String content = fingerprint(letter.key(), letter.value());
            History.Earlier earlier = history.byContent.get(content);
            if (!route.allowed()) {
                steps.add(new Step(letter, null, route.refusal(), true));
            } else if (history.byTag.containsKey(letter.republishTag())) {
                steps.add(new Step(letter, null, "re-published before, as " + history.byTag.get(letter.republishTag()),
                        false));
            } else if (earlier != null) {
                steps.add(new Step(letter, null, "the same key and value were re-published before, as "
                        + earlier.position() + " (from dead-letters-" + earlier.tag() + "), and failed again", false));
            } else if (!planned.add(content)) {
                steps.add(new Step(letter, null, "the same key and value as a dead letter re-published in this run",
                        false));
            } else {
                steps.add(new Step(letter, route.topic(), null, false));
            }
        }
        return steps;
    }

    /** SHA-256 of key and value, each length-prefixed (-1: null), as hex. */
    static String fingerprint(byte[] key, byte[] value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : new byte[][] {key, value}) {
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(part == null ? -1 : part.length).array());
                if (part != null) {
                    digest.update(part);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static byte[] tag(DeadLetter letter) {
        return letter.republishTag().getBytes(StandardCharsets.UTF_8);
    }
}
