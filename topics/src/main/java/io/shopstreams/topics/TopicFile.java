package io.shopstreams.topics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A parsed and validated topic declaration file: topics, defaults and profiles.
 *
 * <p>For one topic and profile, settings resolve in this order, later wins: {@code defaults}, then
 * {@code profiles.<profile>}, then the topic's own entry, then {@code profiles.<profile>.topics.<name>}.
 * {@code partitions} and {@code replicationFactor} replace; {@code configs} merge key by key.
 *
 * <p>Every profile is resolved and checked when the file is read, so a mistake in {@code production} is
 * reported while working with {@code dev} too.
 */
public final class TopicFile {

    /** The classpath resource of the bundled declarations. */
    public static final String BUNDLED_RESOURCE = "topics.yaml";

    private final String source;
    private final RawTopicFile raw;

    private TopicFile(String source, RawTopicFile raw) {
        this.source = source;
        this.raw = raw;
        List<String> problems = TopicFileValidator.problems(raw);
        if (problems.isEmpty()) {
            for (String profile : profiles()) {
                problems.addAll(resolutionProblems(profile));
            }
        }
        if (!problems.isEmpty()) {
            throw new TopicDeclarationException(source, problems);
        }
    }

    /** The {@code topics.yaml} bundled in this module's jar. */
    public static TopicFile bundled() {
        try (InputStream in = TopicFile.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new TopicDeclarationException("classpath:" + BUNDLED_RESOURCE, List.of("resource not found"));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new TopicDeclarationException("classpath:" + BUNDLED_RESOURCE, List.of("cannot read: " + e), e);
        }
    }

    /** A declaration file on disk. */
    public static TopicFile read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TopicDeclarationException(file.toString(), List.of("cannot read the file: " + e), e);
        }
        return parse(text, file.toString());
    }

    /** Declarations from YAML text; {@code source} names it in error messages. */
    public static TopicFile parse(String yaml, String source) {
        return new TopicFile(source, TopicFileReader.parse(yaml, source));
    }

    /** Where the declarations came from: a path or {@code classpath:topics.yaml}. */
    public String source() {
        return source;
    }

    /** The profile names, sorted. */
    public Set<String> profiles() {
        return raw.profiles() == null ? Set.of() : new TreeSet<>(raw.profiles().keySet());
    }

    /**
     * The declarations for {@code profile}.
     *
     * @throws TopicDeclarationException if the file has no such profile
     */
    public TopicDeclarations resolve(String profile) {
        Objects.requireNonNull(profile, "profile");
        if (!profiles().contains(profile)) {
            throw new TopicDeclarationException(source, List.of("unknown profile '" + profile + "'; known profiles: "
                    + String.join(", ", profiles())));
        }
        List<TopicDeclaration> topics = new ArrayList<>();
        for (RawTopicFile.Topic topic : raw.topics()) {
            topics.add(resolve(topic, profile));
        }
        return new TopicDeclarations(profile, topics);
    }

    private TopicDeclaration resolve(RawTopicFile.Topic topic, String profileName) {
        RawTopicFile.Settings defaults = raw.defaults() != null
                ? raw.defaults() : new RawTopicFile.Settings(null, null, null);
        RawTopicFile.Profile profile = raw.profiles().get(profileName);
        RawTopicFile.Settings override = profile.topics() == null ? null : profile.topics().get(topic.name());
        Integer partitions = last(defaults.partitions(), profile.partitions(), topic.partitions(),
                override == null ? null : override.partitions());
        Integer replicationFactor = last(defaults.replicationFactor(), profile.replicationFactor(),
                topic.replicationFactor(), override == null ? null : override.replicationFactor());
        Map<String, String> configs = new LinkedHashMap<>();
        Stream.of(defaults.configs(), profile.configs(), topic.configs(), override == null ? null : override.configs())
                .filter(Objects::nonNull)
                .forEach(configs::putAll);
        if (partitions == null || replicationFactor == null) {
            throw new IllegalArgumentException("topic " + topic.name()
                    + ": " + (partitions == null ? "partitions" : "replicationFactor")
                    + " is set nowhere (defaults, profile or topic)");
        }
        return new TopicDeclaration(topic.name(), partitions, replicationFactor, configs);
    }

    private List<String> resolutionProblems(String profile) {
        List<String> problems = new ArrayList<>();
        for (RawTopicFile.Topic topic : raw.topics()) {
            try {
                TopicDeclaration declaration = resolve(topic, profile);
                TopicFileValidator.checkMinInsyncReplicas(declaration)
                        .ifPresent(problem -> problems.add("profile " + profile + ": " + problem));
            } catch (IllegalArgumentException e) {
                problems.add("profile " + profile + ": " + e.getMessage());
            }
        }
        return problems;
    }

    @SafeVarargs
    private static <T> T last(T... values) {
        T result = null;
        for (T value : values) {
            if (value != null) {
                result = value;
            }
        }
        return result;
    }
}
