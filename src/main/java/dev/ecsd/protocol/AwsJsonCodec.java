package dev.ecsd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map.Entry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.DefaultValueTrait;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads and writes AWS JSON 1.0 and 1.1 bodies as AWS SDK for Java v2 model objects, driven only by each
 * class's {@code sdkFields()} metadata: no request or response shape is written by hand. It also reads the
 * Jackson tree of a Smithy RPC v2 CBOR body (byte strings for blobs, tagged epoch seconds for timestamps); see
 * {@link RpcV2CborCodec}.
 *
 * <p>Reading is strict about types (a number where the model says string is a {@code SerializationException})
 * and ignores members the model does not know, as AWS services do. Writing omits members that were never set,
 * so an absent list stays absent while an empty one is written as {@code []}.
 */
public final class AwsJsonCodec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<Class<?>, Map<String, SdkField<?>>> FIELDS_BY_WIRE_NAME = new ConcurrentHashMap<>();

    private AwsJsonCodec() {
    }

    /** Reads a JSON object into the object the builder builds. */
    @SuppressWarnings("unchecked")
    public static <T> T read(JsonNode node, Supplier<? extends SdkBuilder<?, ? extends T>> builder) {
        SdkBuilder<?, ? extends T> target = builder.get();
        readInto((SdkPojo) target, node, "");
        return target.build();
    }

    /** Writes a model object as a JSON object. */
    public static ObjectNode write(SdkPojo pojo) {
        ObjectNode object = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = valueOf(field, pojo);
            if (isSet(value)) {
                object.set(field.locationName(), writeValue(field, value));
            }
        }
        return object;
    }

    private static void readInto(SdkPojo builder, JsonNode node, String path) {
        if (!node.isObject()) {
            throw mismatch(path, "a structure", node);
        }
        Map<String, SdkField<?>> fields = fieldsByWireName(builder);
        for (Member entry : members(node)) {
            SdkField<?> field = fields.get(entry.name);
            if (field == null || entry.value.isNull()) {
                continue;
            }
            String memberPath = path.isEmpty() ? entry.name : path + "." + entry.name;
            field.set(builder, readValue(field, entry.value, memberPath));
        }
    }

    private static Object readValue(SdkField<?> field, JsonNode node, String path) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        switch (type) {
            case STRING:
                if (!node.isTextual()) {
                    throw mismatch(path, "a string", node);
                }
                return wellFormed(node.textValue(), path);
            case INTEGER:
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw mismatch(path, "an integer", node);
                }
                return node.intValue();
            case LONG:
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw mismatch(path, "a long integer", node);
                }
                return node.longValue();
            case SHORT:
                if (!node.isIntegralNumber()) {
                    throw mismatch(path, "an integer", node);
                }
                return node.shortValue();
            case BYTE:
                if (!node.isIntegralNumber()) {
                    throw mismatch(path, "an integer", node);
                }
                return (byte) node.intValue();
            case DOUBLE:
                if (!node.isNumber()) {
                    throw mismatch(path, "a number", node);
                }
                return node.doubleValue();
            case FLOAT:
                if (!node.isNumber()) {
                    throw mismatch(path, "a number", node);
                }
                return node.floatValue();
            case BIG_DECIMAL:
                if (!node.isNumber()) {
                    throw mismatch(path, "a number", node);
                }
                return node.decimalValue();
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw mismatch(path, "a boolean", node);
                }
                return node.booleanValue();
            case INSTANT:
                return readInstant(node, path);
            case SDK_BYTES:
                if (node.isBinary()) {
                    // a CBOR byte string; JSON has none and sends base64 text
                    return SdkBytes.fromByteArray(binaryValue(node));
                }
                if (!node.isTextual()) {
                    throw mismatch(path, "a base64 string", node);
                }
                try {
                    return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.textValue()));
                } catch (IllegalArgumentException e) {
                    throw new ApiException(ErrorType.SERIALIZATION, "Member '" + path + "' is not valid base64.");
                }
            case LIST:
                return readList(field, node, path);
            case MAP:
                return readMap(field, node, path);
            case SDK_POJO:
                SdkPojo nested = field.constructor().get();
                readInto(nested, node, path);
                return ((SdkBuilder<?, ?>) nested).build();
            case DOCUMENT:
                return toDocument(node);
            default:
                throw new IllegalStateException("unsupported marshalling type " + type + " at " + path);
        }
    }

    private static List<Object> readList(SdkField<?> field, JsonNode node, String path) {
        if (!node.isArray()) {
            throw mismatch(path, "a list", node);
        }
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        List<Object> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(readElement(member, node.get(i), path + "[" + i + "]"));
        }
        return values;
    }

    private static Map<String, Object> readMap(SdkField<?> field, JsonNode node, String path) {
        if (!node.isObject()) {
            throw mismatch(path, "a map", node);
        }
        SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Member entry : members(node)) {
            values.put(wellFormed(entry.name, path), readElement(valueField, entry.value, path + "." + entry.name));
        }
        return values;
    }

    /**
     * An element of a list or a value of a map. No list or map of the APIs ecsd serves is sparse, and the code
     * behind them rightly assumes it holds no nulls, so a null there is refused like any other malformed member.
     */
    private static Object readElement(SdkField<?> field, JsonNode node, String path) {
        if (node.isNull()) {
            throw new ApiException(ErrorType.SERIALIZATION, "Member '" + path + "' must not be null.");
        }
        return readValue(field, node, path);
    }

    private static byte[] binaryValue(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a binary node holds its bytes", e);
        }
    }

    private static Instant readInstant(JsonNode node, String path) {
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                throw mismatch(path, "a timestamp", node);
            }
        }
        throw mismatch(path, "a timestamp", node);
    }

    private static JsonNode writeValue(SdkField<?> field, Object value) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        return switch (type) {
            case STRING -> NODES.textNode((String) value);
            case INTEGER -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case SHORT -> NODES.numberNode((Short) value);
            case BYTE -> NODES.numberNode((Byte) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case BIG_DECIMAL -> NODES.numberNode((BigDecimal) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INSTANT -> NODES.numberNode(epochSeconds((Instant) value));
            case SDK_BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
            case LIST -> writeList(field, (List<?>) value);
            case MAP -> writeMap(field, (Map<?, ?>) value);
            case SDK_POJO -> write((SdkPojo) value);
            case DOCUMENT -> fromDocument((Document) value);
            default -> throw new IllegalStateException("unsupported marshalling type " + type);
        };
    }

    private static ArrayNode writeList(SdkField<?> field, List<?> values) {
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        ArrayNode array = NODES.arrayNode(values.size());
        for (Object item : values) {
            array.add(item == null ? NODES.nullNode() : writeValue(member, item));
        }
        return array;
    }

    private static ObjectNode writeMap(SdkField<?> field, Map<?, ?> values) {
        SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        ObjectNode object = NODES.objectNode();
        for (Entry<?, ?> entry : values.entrySet()) {
            object.set(String.valueOf(entry.getKey()),
                    entry.getValue() == null ? NODES.nullNode() : writeValue(valueField, entry.getValue()));
        }
        return object;
    }

    /** Epoch seconds with a millisecond fraction, the AWS JSON timestamp format. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /**
     * The field's value. An idempotency token's default value is a fresh random string, which must never be
     * written as if the caller had sent it, so such fields are read through their plain getter.
     */
    static Object valueOf(SdkField<?> field, SdkPojo pojo) {
        if (field.containsTrait(DefaultValueTrait.class)) {
            try {
                Method getter = pojo.getClass().getMethod(field.memberName().substring(0, 1).toLowerCase()
                        + field.memberName().substring(1));
                return getter.invoke(pojo);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return field.getValueOrDefault(pojo);
    }

    /** Whether a member's value was set: an unset list or map is an auto-construct placeholder, not a value. */
    static boolean isSet(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    private static Map<String, SdkField<?>> fieldsByWireName(SdkPojo pojo) {
        return FIELDS_BY_WIRE_NAME.computeIfAbsent(pojo.getClass(), c -> {
            Map<String, SdkField<?>> byName = new LinkedHashMap<>();
            for (SdkField<?> field : pojo.sdkFields()) {
                byName.put(field.locationName(), field);
            }
            return Collections.unmodifiableMap(byName);
        });
    }

    private static Document toDocument(JsonNode node) {
        if (node.isObject()) {
            Map<String, Document> members = new LinkedHashMap<>();
            node.properties().forEach(e -> members.put(e.getKey(), toDocument(e.getValue())));
            return Document.fromMap(members);
        }
        if (node.isArray()) {
            List<Document> items = new ArrayList<>();
            node.forEach(item -> items.add(toDocument(item)));
            return Document.fromList(items);
        }
        if (node.isTextual()) {
            return Document.fromString(node.textValue());
        }
        if (node.isNumber()) {
            return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        return Document.fromNull();
    }

    static JsonNode fromDocument(Document document) {
        if (document.isMap()) {
            ObjectNode object = NODES.objectNode();
            document.asMap().forEach((k, v) -> object.set(k, fromDocument(v)));
            return object;
        }
        if (document.isList()) {
            ArrayNode array = NODES.arrayNode();
            document.asList().forEach(v -> array.add(fromDocument(v)));
            return array;
        }
        if (document.isString()) {
            return NODES.textNode(document.asString());
        }
        if (document.isNumber()) {
            return NODES.numberNode(document.asNumber().bigDecimalValue());
        }
        if (document.isBoolean()) {
            return NODES.booleanNode(document.asBoolean());
        }
        return NODES.nullNode();
    }

    /**
     * The string, refused if it holds a lone UTF-16 surrogate (a JSON {@code \\ud800} escape without its pair): it
     * is no Unicode text, could not be stored as UTF-8, and would come back as something else.
     */
    static String wellFormed(String value, String path) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                String where = path.isEmpty() ? "The request body" : "Member '" + path + "'";
                throw new ApiException(ErrorType.SERIALIZATION, where + " is not valid Unicode: it holds a lone UTF-16 "
                        + "surrogate (\\u" + Integer.toHexString(c) + " at index " + i + ").");
            }
        }
        return value;
    }

    private static ApiException mismatch(String path, String expected, JsonNode actual) {
        String where = path.isEmpty() ? "The request body" : "Member '" + path + "'";
        return new ApiException(ErrorType.SERIALIZATION,
                where + " must be " + expected + ", not " + describe(actual) + ".");
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a structure";
        }
        return node.getNodeType().name().toLowerCase();
    }

    private record Member(String name, JsonNode value) {
    }

    private static List<Member> members(JsonNode node) {
        List<Member> entries = new ArrayList<>(node.size());
        node.properties().forEach(e -> entries.add(new Member(e.getKey(), e.getValue())));
        return entries;
    }
}
