package dev.ecsd.protocol;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads AWS Query parameters ({@code Targets.member.1.Id=i-1}) into AWS SDK for Java v2 model objects and writes
 * model objects as Query XML, driven only by each class's {@code sdkFields()} metadata, like {@link AwsJsonCodec}.
 *
 * <p>Parameter names are the fields' {@code locationName()}, which is what the SDK's Query marshaller sends; XML
 * element names are their {@code unmarshallLocationName()}, which is what its XML unmarshaller looks for.
 * Reading ignores parameters the model does not know ({@code Action}, {@code Version}, …) and refuses malformed
 * values with a {@code ValidationError} that names the parameter.
 */
public final class AwsQueryCodec {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    /** A decimal number; the exponent is bounded so that no value costs more than a moment to convert. */
    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]{1,4})?");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("([-+]?)([0-9]{1,12})(?:\\.([0-9]+))?");
    private static final Pattern LIST_INDEX = Pattern.compile("[1-9][0-9]{0,8}");
    private static final String DEFAULT_LIST_MEMBER = "member";

    private AwsQueryCodec() {
    }

    /** Reads the parameters of a Query request into the object the builder builds. */
    @SuppressWarnings("unchecked")
    public static <T> T read(Map<String, List<String>> parameters, Supplier<? extends SdkBuilder<?, ? extends T>> builder) {
        SdkBuilder<?, ? extends T> target = builder.get();
        readMembers((SdkPojo) target, "", new TreeMap<>(parameters));
        return target.build();
    }

    /** Writes the members of a model object as XML elements: the content of a {@code <XxxResult>} element. */
    public static String write(SdkPojo pojo) {
        return QueryXmlWriter.content(pojo);
    }

    /** Writes the members of a model object as XML elements inside the writer's current element. */
    public static void write(SdkPojo pojo, XMLStreamWriter xml) throws XMLStreamException {
        QueryXmlWriter.writeMembers(pojo, xml);
    }

    private static void readMembers(SdkPojo builder, String prefix, NavigableMap<String, List<String>> parameters) {
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = readValue(field, prefix + field.locationName(), parameters);
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    /** The value of the parameter (or the parameters under) {@code name}, or null when the request has none. */
    private static Object readValue(SdkField<?> field, String name, NavigableMap<String, List<String>> parameters) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        switch (type) {
            case LIST:
                return readList(field, name, parameters);
            case MAP:
                return readMap(field, name, parameters);
            case SDK_POJO:
                if (!hasParametersUnder(name + ".", parameters)) {
                    return null;
                }
                SdkPojo nested = field.constructor().get();
                readMembers(nested, name + ".", parameters);
                return ((SdkBuilder<?, ?>) nested).build();
            default:
                List<String> values = parameters.get(name);
                return values == null ? null : readScalar(type, name, single(name, values));
        }
    }

    private static List<Object> readList(SdkField<?> field, String name, NavigableMap<String, List<String>> parameters) {
        ListTrait trait = field.getRequiredTrait(ListTrait.class);
        SdkField<?> member = trait.memberFieldInfo();
        String memberName = member.locationName() == null ? DEFAULT_LIST_MEMBER : member.locationName();
        String elementPrefix = trait.isFlattened() ? name + "." : name + "." + memberName + ".";
        SortedMap<Integer, String> elements = indexed(elementPrefix, parameters);
        if (elements.isEmpty()) {
            return emptyUnlessAbsent(name, elementPrefix, "list", parameters) ? new ArrayList<>() : null;
        }
        List<Object> values = new ArrayList<>(elements.size());
        for (String element : elements.values()) {
            Object value = readValue(member, element, parameters);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static Map<String, Object> readMap(SdkField<?> field, String name,
            NavigableMap<String, List<String>> parameters) {
        MapTrait trait = field.getRequiredTrait(MapTrait.class);
        String entryPrefix = trait.isFlattened() ? name + "." : name + ".entry.";
        SortedMap<Integer, String> entries = indexed(entryPrefix, parameters);
        if (entries.isEmpty()) {
            return emptyUnlessAbsent(name, entryPrefix, "map", parameters) ? new LinkedHashMap<>() : null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String entry : entries.values()) {
            String keyName = entry + "." + orDefault(trait.keyLocationName(), "key");
            String valueName = entry + "." + orDefault(trait.valueLocationName(), "value");
            List<String> key = parameters.get(keyName);
            if (key == null) {
                throw invalid("Parameter '" + entry + "' is a map entry without a key: send '" + keyName + "'.");
            }
            Object value = readValue(trait.valueFieldInfo(), valueName, parameters);
            if (value == null) {
                throw invalid("Parameter '" + entry + "' is a map entry without a value: send '" + valueName + "'.");
            }
            if (values.put(single(keyName, key), value) != null) {
                throw invalid("Parameter '" + keyName + "' repeats the key '" + abbreviate(single(keyName, key))
                        + "' of an earlier entry.");
            }
        }
        return values;
    }

    /**
     * Whether a list or map with no elements was sent as the bare parameter {@code Name=}, which is how the SDKs
     * send an explicitly empty collection; a bare parameter with a value is a mistake worth naming.
     */
    private static boolean emptyUnlessAbsent(String name, String elementPrefix, String kind,
            NavigableMap<String, List<String>> parameters) {
        List<String> bare = parameters.get(name);
        if (bare == null) {
            return false;
        }
        if (!single(name, bare).isEmpty()) {
            throw invalid("Parameter '" + name + "' is a " + kind + ": send its elements as '" + elementPrefix
                    + "1', '" + elementPrefix + "2', …, or an empty value for an empty " + kind + ".");
        }
        return true;
    }

    /**
     * The elements under {@code prefix} by their 1-based index, in index order whatever the order or gaps of the
     * request, each as the parameter name that prefixes its own parameters ({@code Targets.member.2}).
     */
    private static SortedMap<Integer, String> indexed(String prefix, NavigableMap<String, List<String>> parameters) {
        SortedMap<Integer, String> elements = new TreeMap<>();
        for (String key : parameters.tailMap(prefix, true).keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            String rest = key.substring(prefix.length());
            int dot = rest.indexOf('.');
            String index = dot < 0 ? rest : rest.substring(0, dot);
            if (!LIST_INDEX.matcher(index).matches()) {
                throw invalid("Parameter '" + key + "' has the index '" + abbreviate(index)
                        + "'; indices are whole numbers from 1.");
            }
            elements.putIfAbsent(Integer.parseInt(index), prefix + index);
        }
        return elements;
    }

    private static boolean hasParametersUnder(String prefix, NavigableMap<String, List<String>> parameters) {
        String next = parameters.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    private static Object readScalar(MarshallingKnownType type, String name, String text) {
        return switch (type) {
            case STRING -> text;
            case INTEGER -> (int) readInteger(name, text, Integer.MIN_VALUE, Integer.MAX_VALUE, "an integer");
            case LONG -> readInteger(name, text, Long.MIN_VALUE, Long.MAX_VALUE, "a long integer");
            case SHORT -> (short) readInteger(name, text, Short.MIN_VALUE, Short.MAX_VALUE, "a short integer");
            case BYTE -> (byte) readInteger(name, text, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte");
            case DOUBLE -> readFloatingPoint(name, text);
            case FLOAT -> {
                double value = readFloatingPoint(name, text);
                if (Double.isFinite(value) && Float.isInfinite((float) value)) {
                    throw mismatch(name, "a number within the range of a float", text);
                }
                yield (float) value;
            }
            case BIG_DECIMAL -> {
                if (!DECIMAL.matcher(text).matches()) {
                    throw mismatch(name, "a decimal number", text);
                }
                yield new BigDecimal(text);
            }
            case BOOLEAN -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw mismatch(name, "true or false", text);
            };
            case INSTANT -> readInstant(name, text);
            case SDK_BYTES -> {
                try {
                    yield SdkBytes.fromByteArray(Base64.getDecoder().decode(text));
                } catch (IllegalArgumentException e) {
                    throw mismatch(name, "base64", text);
                }
            }
            default -> throw new IllegalStateException("the Query protocol has no " + type + " (at " + name + ")");
        };
    }

    private static long readInteger(String name, String text, long minimum, long maximum, String expected) {
        if (!INTEGER.matcher(text).matches()) {
            throw mismatch(name, expected, text);
        }
        try {
            long value = Long.parseLong(text);
            if (value >= minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // out of the range of a long: refused below like any other value out of range
        }
        throw invalid("Parameter '" + name + "' must be " + expected + " from " + minimum + " to " + maximum
                + ", not '" + abbreviate(text) + "'.");
    }

    private static double readFloatingPoint(String name, String text) {
        // Java's parser would also take hexadecimal floats and a trailing 'd' or 'f'; the wire has only decimals
        // and the special values Java's own formatting writes.
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!DECIMAL.matcher(text).matches()) {
                    throw mismatch(name, "a number", text);
                }
                double value = Double.parseDouble(text);
                if (Double.isInfinite(value)) {
                    throw mismatch(name, "a number within the range of a double", text);
                }
                yield value;
            }
        };
    }

    /** A timestamp in ISO-8601 with an offset (what the SDKs send), or in epoch seconds with an optional fraction. */
    private static Instant readInstant(String name, String text) {
        try {
            Matcher epoch = EPOCH_SECONDS.matcher(text);
            if (epoch.matches()) {
                long seconds = Long.parseLong(epoch.group(2));
                String fraction = epoch.group(3) == null ? "" : epoch.group(3);
                long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
                return "-".equals(epoch.group(1)) ? Instant.ofEpochSecond(-seconds, -nanos)
                        : Instant.ofEpochSecond(seconds, nanos);
            }
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw mismatch(name, "a timestamp (ISO-8601 such as 2026-12-04T17:00:00Z, or epoch seconds)", text);
        }
    }

    private static String single(String name, List<String> values) {
        if (values.size() != 1) {
            throw invalid("Parameter '" + name + "' was sent " + values.size() + " times; it takes one value.");
        }
        return values.getFirst();
    }

    static String orDefault(String name, String fallback) {
        return name == null || name.isEmpty() ? fallback : name;
    }

    private static ApiException mismatch(String name, String expected, String actual) {
        return invalid("Parameter '" + name + "' must be " + expected + ", not '" + abbreviate(actual) + "'.");
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorType.VALIDATION_ERROR, message);
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
