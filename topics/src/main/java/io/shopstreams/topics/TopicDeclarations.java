package io.shopstreams.topics;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The declared topics of one profile, in file order: what {@link TopicApplier} makes the cluster look like.
 *
 * <pre>{@code
 * TopicDeclarations dev = TopicDeclarations.load("dev");                  // the bundled topics.yaml
 * TopicDeclarations prod = TopicDeclarations.load(Path.of("topics.yaml"), "production");
 * }</pre>
 *
 * @param profile the profile the declarations were resolved for
 * @param topics  never empty, names unique
 */
public record TopicDeclarations(String profile, List<TopicDeclaration> topics) {

    /** The profile used when none is named: one local broker. */
    public static final String DEFAULT_PROFILE = "dev";

    public TopicDeclarations {
        Objects.requireNonNull(profile, "profile");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("profile " + profile + " declares no topics");
        }
        long distinct = topics.stream().map(TopicDeclaration::name).distinct().count();
        if (distinct != topics.size()) {
            throw new IllegalArgumentException("profile " + profile + " declares a topic name twice");
        }
    }

    /** The bundled {@code topics.yaml} resolved for {@code profile}. */
    public static TopicDeclarations load(String profile) {
        return TopicFile.bundled().resolve(profile);
    }

    /** A user's declaration file resolved for {@code profile}. */
    public static TopicDeclarations load(Path file, String profile) {
        return TopicFile.read(file).resolve(profile);
    }

    public List<String> names() {
        return topics.stream().map(TopicDeclaration::name).collect(Collectors.toUnmodifiableList());
    }

    public Optional<TopicDeclaration> find(String name) {
        return topics.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    /**
     * The declaration of {@code name}.
     *
     * @throws IllegalArgumentException if the profile does not declare it
     */
    public TopicDeclaration get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "topic " + name + " is not declared; declared: " + String.join(", ", names())));
    }
}
