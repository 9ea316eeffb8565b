package io.shopstreams.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.TypeScope;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Generates the JSON Schema (draft 2020-12) of each message type from the records, with victools and its
 * Jackson module: {@code @JsonProperty(required = true)} becomes {@code required}, the {@code type}
 * discriminator a required {@code const}. The rules the records enforce in their constructors (through
 * {@link Fields}) are not visible to victools, so the hooks below restate them, keyed on field names the way
 * the codec itself keys money on the {@code Cents} suffix; {@code SchemaValidationTest} checks that each rule
 * here and the codec agree, field by field.
 */
final class JsonSchemas {
    /** Fields checked with {@link Fields#id}: an ID in the sense of docs/contract.md, section 3.1. */
    private static final Set<String> ID_FIELDS = Set.of("commandId", "cartId", "orderId", "sku", "customerId");
    /** Fields checked with {@link Fields#nonNegativeMoney}, as {@code Record.component}. */
    private static final Set<String> NON_NEGATIVE_MONEY = Set.of("Product.priceCents", "Line.unitPriceCents");

    private static final String ID_PATTERN = "^" + Fields.ID.pattern() + "$";
    private static final String CURRENCY_PATTERN = "^[A-Z]{3}$";

    private final SchemaGenerator generator = new SchemaGenerator(config().build());

    /** The schema as committed: pretty-printed, properties in wire order, one final newline. */
    String generate(MessageType type) {
        ObjectNode schema = generator.generateSchema(type.type());
        schema.put("$comment", "Generated from " + type.type().getName() + " by JsonSchemasTest; do not edit."
                + " Regenerate: mvn -pl events-schema test -Dschemas.write=true");
        return pretty(readingOrder(discriminatorFirst(schema))) + "\n";
    }

    private static SchemaGeneratorConfigBuilder config() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(
                SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                // Instant -> "date-time"; int -> "int32", long -> "int64", for code generators in other languages.
                .with(Option.STANDARD_FORMATS)
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES);
        builder.forTypesInGeneral()
                .withPropertySorter(Comparator.comparingInt(JsonSchemas::componentIndex))
                .withTitleResolver(scope -> messageType(scope).map(MessageType::name).orElse(null))
                .withDescriptionResolver(scope -> messageType(scope).map(JsonSchemas::description).orElse(null));
        builder.forFields()
                // An optional field may be sent as null (the codec takes null as absent); the encoder leaves it out.
                .withNullableCheck(field -> !isRequired(field))
                .withStringPatternResolver(JsonSchemas::pattern)
                .withNumberInclusiveMinimumResolver(field ->
                        NON_NEGATIVE_MONEY.contains(qualifiedName(field)) ? BigDecimal.ZERO : null)
                .withDescriptionResolver(JsonSchemas::fieldDescription);
        return builder;
    }

    private static String pattern(FieldScope field) {
        if (ID_FIELDS.contains(field.getName())) {
            return ID_PATTERN;
        }
        return field.getName().equals("currency") ? CURRENCY_PATTERN : null;
    }

    private static String fieldDescription(FieldScope field) {
        if (field.getName().endsWith("Cents")) {
            return "Money: an integer number of minor units (cents) of the currency, never a fraction.";
        }
        if (field.getName().equals("currency")) {
            return "ISO-4217 currency code.";
        }
        if (field.getName().equals("occurredAt")) {
            return "ISO-8601 instant: the timestamp of the input record that caused the event.";
        }
        return null;
    }

    private static String description(MessageType type) {
        MessageType.Hierarchy hierarchy = type.hierarchy();
        String text = "A message on topic " + hierarchy.dir + ", keyed by " + hierarchy.key + " (UTF-8).";
        if (hierarchy == MessageType.Hierarchy.CART_COMMANDS || hierarchy == MessageType.Hierarchy.ORDER_COMMANDS) {
            text += " The body may repeat the " + hierarchy.key + "; it must then equal the key.";
        }
        if (hierarchy == MessageType.Hierarchy.PRODUCTS) {
            text += " A null value (tombstone) deletes the product.";
        }
        return text;
    }

    /** The message type a generated type is, if it is one (not, e.g., a {@link Line} or a String). */
    private static Optional<MessageType> messageType(TypeScope scope) {
        return MessageType.stream().filter(t -> t.type() == scope.getType().getErasedType()).findFirst();
    }

    private static boolean isRequired(FieldScope field) {
        JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
        return property != null && property.required();
    }

    private static String qualifiedName(FieldScope field) {
        return field.getDeclaringType().getErasedType().getSimpleName() + "." + field.getName();
    }

    /** Properties in the order of the record components, which is the order the encoder writes. */
    private static int componentIndex(MemberScope<?, ?> member) {
        List<String> names = Arrays.stream(member.getDeclaringType().getErasedType().getRecordComponents())
                .map(c -> c.getName()).toList();
        return names.indexOf(member.getName());
    }

    /** The Jackson module appends the {@code type} discriminator; the encoder writes it first, and so do we. */
    private static ObjectNode discriminatorFirst(ObjectNode schema) {
        JsonNode typeProperty = schema.path("properties").get("type");
        if (typeProperty == null) {
            return schema;
        }
        ObjectNode properties = schema.objectNode().set("type", typeProperty);
        schema.get("properties").properties().forEach(p -> properties.putIfAbsent(p.getKey(), p.getValue()));
        schema.set("properties", properties);
        ArrayNode required = schema.arrayNode().add("type");
        schema.get("required").forEach(name -> {
            if (!name.asText().equals("type")) {
                required.add(name);
            }
        });
        schema.set("required", required);
        return schema;
    }

    /** What a reader looks for first: which draft, which message, then its shape. */
    private static ObjectNode readingOrder(ObjectNode schema) {
        ObjectNode ordered = schema.objectNode();
        for (String key : List.of("$schema", "title", "description", "$comment")) {
            if (schema.has(key)) {
                ordered.set(key, schema.get(key));
            }
        }
        schema.properties().forEach(p -> ordered.putIfAbsent(p.getKey(), p.getValue()));
        return ordered;
    }

    private static String pretty(ObjectNode schema) {
        // The layout of JSON.stringify(schema, null, 2) and Python's json.dumps(schema, indent=2).
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JsonCodec.mapper().writer(printer).writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
