package io.shopstreams.topics;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads the YAML text into a {@link RawTopicFile}, turning Jackson's errors into one-line problems with a place. */
final class TopicFileReader {

    // Strict: a typo ("partiton", a key given twice, 6.5 partitions) must fail, not be ignored or rounded.
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TopicFileReader() {
    }

    static RawTopicFile parse(String yaml, String source) {
        JsonNode tree;
        try {
            // Two steps: syntax errors carry a reliable line here; binding errors carry a path below (records
            // are bound from a buffer, so their line would point at the end of the enclosing object).
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new TopicDeclarationException(source,
                    List.of(at(e) + "not valid YAML: " + firstLine(e.getOriginalMessage())), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new TopicDeclarationException(source, List.of("the file is empty"));
        }
        try {
            return YAML.treeToValue(tree, RawTopicFile.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ", " (known here: ", ")"));
            throw new TopicDeclarationException(source,
                    List.of(path(e) + ": unknown field '" + e.getPropertyName() + "'" + known), e);
        } catch (MismatchedInputException e) {
            throw new TopicDeclarationException(source,
                    List.of(path(e) + ": expected " + expected(e.getTargetType())), e);
        } catch (JsonProcessingException e) {
            throw new TopicDeclarationException(source,
                    List.of("cannot be read as topic declarations: " + firstLine(e.getOriginalMessage())), e);
        }
    }

    private static String at(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? "" : "line " + location.getLineNr() + ": ";
    }

    /** Where in the document, e.g. {@code topics[0].partitions}; an unknown field's path ends at its object. */
    private static String path(MismatchedInputException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        if (e instanceof UnrecognizedPropertyException && !refs.isEmpty()) {
            refs = refs.subList(0, refs.size() - 1);
        }
        if (refs.isEmpty()) {
            return "top level";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What the document should have had, in YAML terms rather than Java types. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of key: value";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
