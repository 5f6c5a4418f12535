package dev.ecsd.api.ecs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ECS's tag limits, and how tag lists are merged and pruned. */
public final class TagRules {
    private TagRules() {
    }

    public static List<Tag> validate(List<Tag> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > EcsQuotas.TAGS_PER_RESOURCE) {
            throw ApiException.invalidParameter("A resource can have at most " + EcsQuotas.TAGS_PER_RESOURCE
                    + " tags; the request has " + tags.size() + ".");
        }
        Map<String, Tag> byKey = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
                throw ApiException.invalidParameter("A tag key must be 1 to 128 characters long.");
            }
            if (tag.value() != null && tag.value().length() > 256) {
                throw ApiException.invalidParameter("The value of tag '" + Quoted.of(tag.key())
                        + "' is longer than 256 characters.");
            }
            if (tag.key().toLowerCase().startsWith("aws:")) {
                throw ApiException.invalidParameter("Tag keys beginning with 'aws:' are reserved for AWS use.");
            }
            byKey.put(tag.key(), new Tag(tag.key(), tag.value() == null ? "" : tag.value()));
        }
        return new ArrayList<>(byKey.values());
    }

    /** The existing tags with the new ones added, a new value replacing an old one of the same key. */
    public static List<Tag> merge(List<Tag> existing, List<Tag> added) {
        Map<String, Tag> byKey = new LinkedHashMap<>();
        for (Tag tag : existing == null ? List.<Tag>of() : existing) {
            byKey.put(tag.key(), tag);
        }
        for (Tag tag : added) {
            byKey.put(tag.key(), tag);
        }
        return validate(new ArrayList<>(byKey.values()));
    }

    public static List<Tag> remove(List<Tag> existing, List<String> keys) {
        List<Tag> kept = new ArrayList<>();
        for (Tag tag : existing == null ? List.<Tag>of() : existing) {
            if (!keys.contains(tag.key())) {
                kept.add(tag);
            }
        }
        return kept;
    }
}
