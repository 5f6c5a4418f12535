package dev.ecsd.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads and writes Smithy RPC v2 CBOR bodies as AWS SDK model objects, driven by {@code sdkFields()} like
 * {@link AwsJsonCodec}: the members have their JSON names, blobs are byte strings and timestamps are epoch
 * seconds under CBOR tag 1.
 *
 * <p>A request is read into a Jackson tree and then by the JSON field walk, which accepts what CBOR adds: byte
 * strings for blobs, and any number for a double (the SDK writes {@code 2.0} as the integer 2, {@code 1.5} as a
 * half-precision float). The tag of a timestamp is dropped by the tree; its number is what counts. An answer is
 * written straight to a CBOR generator, because a Jackson tree cannot hold the timestamp's tag.
 */
public final class RpcV2CborCodec {
    static final String CONTENT_TYPE = "application/cbor";
    private static final CBORMapper CBOR = CBORMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final int EPOCH_SECONDS_TAG = 1;

    private RpcV2CborCodec() {
    }

    /** The body as a tree: an empty body is an empty structure, anything else must be one CBOR map. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return CBOR.createObjectNode();
        }
        JsonNode node;
        try {
            node = CBOR.readTree(body);
        } catch (IOException e) {
            throw new ApiException(ErrorType.SERIALIZATION, "The request body is not valid CBOR: "
                    + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            return CBOR.createObjectNode();
        }
        if (!node.isObject()) {
            throw new ApiException(ErrorType.SERIALIZATION, "The request body must be a CBOR map.");
        }
        return node;
    }

    /** Reads a CBOR body into the object the builder builds. */
    public static <T> T read(byte[] body, Supplier<? extends SdkBuilder<?, ? extends T>> builder) {
        return AwsJsonCodec.read(parse(body), builder);
    }

    /** Writes a model object as a CBOR map. */
    public static byte[] write(SdkPojo pojo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (CBORGenerator generator = (CBORGenerator) CBOR.createGenerator(out)) {
            writeStructure(generator, pojo);
        } catch (IOException e) {
            throw new UncheckedIOException("writing CBOR to memory failed", e);
        }
        return out.toByteArray();
    }

    /** The body of an error: {@code {"__type": code, "message": message}}. */
    static byte[] error(String code, String message) {
        try {
            return CBOR.writeValueAsBytes(Map.of("__type", code, "message", message));
        } catch (IOException e) {
            throw new UncheckedIOException("writing CBOR to memory failed", e);
        }
    }

    private static void writeStructure(CBORGenerator generator, SdkPojo pojo) throws IOException {
        generator.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = AwsJsonCodec.valueOf(field, pojo);
            if (AwsJsonCodec.isSet(value)) {
                generator.writeFieldName(field.locationName());
                writeValue(generator, field, value);
            }
        }
        generator.writeEndObject();
    }

    private static void writeValue(CBORGenerator generator, SdkField<?> field, Object value) throws IOException {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        switch (type) {
            case STRING -> generator.writeString((String) value);
            case INTEGER -> generator.writeNumber((Integer) value);
            case LONG -> generator.writeNumber((Long) value);
            case SHORT -> generator.writeNumber((Short) value);
            case BYTE -> generator.writeNumber((Byte) value);
            case DOUBLE -> generator.writeNumber((Double) value);
            case FLOAT -> generator.writeNumber((Float) value);
            case BIG_DECIMAL -> generator.writeNumber((BigDecimal) value);
            case BOOLEAN -> generator.writeBoolean((Boolean) value);
            case INSTANT -> {
                generator.writeTag(EPOCH_SECONDS_TAG);
                generator.writeNumber(((Instant) value).toEpochMilli() / 1000.0);
            }
            case SDK_BYTES -> generator.writeBinary(((SdkBytes) value).asByteArray());
            case LIST -> {
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<?> items = (List<?>) value;
                generator.writeStartArray(items, items.size());
                for (Object item : items) {
                    writeElement(generator, member, item);
                }
                generator.writeEndArray();
            }
            case MAP -> {
                SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    generator.writeFieldName(String.valueOf(entry.getKey()));
                    writeElement(generator, valueField, entry.getValue());
                }
                generator.writeEndObject();
            }
            case SDK_POJO -> writeStructure(generator, (SdkPojo) value);
            case DOCUMENT -> CBOR.writeTree(generator, AwsJsonCodec.fromDocument((Document) value));
            default -> throw new IllegalStateException("unsupported marshalling type " + type);
        }
    }

    private static void writeElement(CBORGenerator generator, SdkField<?> field, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            writeValue(generator, field, value);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
