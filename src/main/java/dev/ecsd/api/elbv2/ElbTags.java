package dev.ecsd.api.elbv2;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** ELBv2's tag rules: keys of 1–128 characters, values of at most 256, each key once, at most 50 per resource. */
public final class ElbTags {
    public static final int MAX_TAGS = 50;

    private ElbTags() {
    }

    /** The tags of a request as a map, checked; an empty map when it has none. */
    public static Map<String, String> read(List<Tag> tags) {
        Map<String, String> result = new LinkedHashMap<>();
        if (tags == null || tags instanceof SdkAutoConstructList) {
            return result;
        }
        for (Tag tag : tags) {
            String key = tag.key();
            if (key == null || key.isEmpty()) {
                throw ElbErrors.validation("A tag key must be specified");
            }
            ElbErrors.maxLength("tags.member.key", key, 128);
            ElbErrors.maxLength("tags.member.value", tag.value(), 256);
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw ElbErrors.validation("Tag keys beginning with 'aws:' are reserved for AWS use");
            }
            if (result.put(key, tag.value() == null ? "" : tag.value()) != null) {
                throw new ApiException(ErrorType.DUPLICATE_TAG_KEYS, "Tag key was specified more than once: " + key);
            }
        }
        return result;
    }

    /** A resource's tags with more added, a new value replacing an old one; refused past the limit. */
    public static Map<String, String> add(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> result = new TreeMap<>(existing);
        result.putAll(added);
        if (result.size() > MAX_TAGS) {
            throw new ApiException(ErrorType.TOO_MANY_TAGS,
                    "You've reached the limit on the number of tags for this resource: " + MAX_TAGS);
        }
        return result;
    }

    public static Map<String, String> remove(Map<String, String> existing, Collection<String> keys) {
        Map<String, String> result = new TreeMap<>(existing);
        keys.forEach(result::remove);
        return result;
    }

    public static List<Tag> toSdk(Map<String, String> tags) {
        List<Tag> result = new ArrayList<>();
        new TreeMap<>(tags).forEach((key, value) -> result.add(Tag.builder().key(key).value(value).build()));
        return result;
    }
}
