package dev.ecsd.protocol;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A model shape with a flattened list and a flattened map, as SQS and SimpleDB have and ELBv2 does not, built
 * from the same SDK field metadata generated model classes carry: {@code Item.N} and {@code Attribute.N.Name}.
 */
final class FlattenedShape implements SdkPojo {
    private static final SdkField<List<String>> ITEMS = SdkField.<List<String>>builder(MarshallingType.LIST)
            .memberName("Items")
            .getter(shape -> ((FlattenedShape) shape).items)
            .setter((builder, value) -> ((Builder) builder).items = value)
            .traits(location("Item"), ListTrait.builder()
                    .isFlattened(true)
                    .memberFieldInfo(SdkField.<String>builder(MarshallingType.STRING).traits(location("Item")).build())
                    .build())
            .build();
    private static final SdkField<Map<String, String>> ATTRIBUTES =
            SdkField.<Map<String, String>>builder(MarshallingType.MAP)
                    .memberName("Attributes")
                    .getter(shape -> ((FlattenedShape) shape).attributes)
                    .setter((builder, value) -> ((Builder) builder).attributes = value)
                    .traits(location("Attribute"), MapTrait.builder()
                            .isFlattened(true)
                            .keyLocationName("Name")
                            .valueLocationName("Value")
                            .valueFieldInfo(SdkField.<String>builder(MarshallingType.STRING)
                                    .traits(location("Value")).build())
                            .build())
                    .build();
    private static final List<SdkField<?>> FIELDS = List.of(ITEMS, ATTRIBUTES);

    private final List<String> items;
    private final Map<String, String> attributes;

    private FlattenedShape(Builder builder) {
        this.items = builder.items;
        this.attributes = builder.attributes;
    }

    static Builder builder() {
        return new Builder();
    }

    List<String> items() {
        return items;
    }

    Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public List<SdkField<?>> sdkFields() {
        return FIELDS;
    }

    private static LocationTrait location(String name) {
        return LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName(name)
                .unmarshallLocationName(name).build();
    }

    /** Builds a {@link FlattenedShape}; the codec sets its fields through the field metadata. */
    static final class Builder implements SdkPojo, SdkBuilder<Builder, FlattenedShape> {
        private List<String> items;
        private Map<String, String> attributes;

        Builder items(List<String> value) {
            this.items = value;
            return this;
        }

        Builder attributes(Map<String, String> value) {
            this.attributes = value;
            return this;
        }

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }

        @Override
        public FlattenedShape build() {
            return new FlattenedShape(this);
        }
    }
}
