package dev.ecsd.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsd.model.ModelJson;
import dev.ecsd.protocol.AwsJsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between SDK model objects and model records through their shared JSON form: model records
 * use the wire's member names, so a shape with many members maps without hand-written code.
 */
public final class SdkBridge {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private SdkBridge() {
    }

    public static <T> T toModel(SdkPojo sdkObject, Class<T> type) {
        return sdkObject == null ? null : ModelJson.fromTree(AwsJsonCodec.write(sdkObject), type);
    }

    public static <T> List<T> toModel(List<? extends SdkPojo> sdkObjects, Class<T> type) {
        if (sdkObjects == null || sdkObjects instanceof software.amazon.awssdk.core.util.SdkAutoConstructList) {
            return null;
        }
        List<T> values = new ArrayList<>();
        for (SdkPojo item : sdkObjects) {
            values.add(toModel(item, type));
        }
        return values;
    }

    /** An SDK structure as a plain map, for members ecsd stores without acting on them. */
    public static Map<String, Object> toMap(SdkPojo sdkObject) {
        return sdkObject == null ? null : ModelJson.MAPPER.convertValue(AwsJsonCodec.write(sdkObject), MAP);
    }

    public static <T> T toSdk(Object modelValue, Supplier<? extends SdkBuilder<?, ? extends T>> builder) {
        if (modelValue == null) {
            return null;
        }
        JsonNode tree = ModelJson.tree(modelValue);
        return AwsJsonCodec.read(tree, builder);
    }

    public static <T> List<T> toSdk(List<?> modelValues, Supplier<? extends SdkBuilder<?, ? extends T>> builder) {
        if (modelValues == null) {
            return null;
        }
        List<T> values = new ArrayList<>();
        for (Object value : modelValues) {
            values.add(toSdk(value, builder));
        }
        return values;
    }
}
