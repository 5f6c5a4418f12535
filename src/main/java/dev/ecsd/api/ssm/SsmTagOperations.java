package dev.ecsd.api.ssm;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ssm.Parameter;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.ssm.model.Tag;

/** Tags of parameters (ResourceType Parameter, ResourceId the name): AddTagsToResource and its two companions. */
final class SsmTagOperations {
    static final int MAX_TAGS = 50;
    static final String PARAMETER = "Parameter";
    private static final List<String> RESOURCE_TYPES = List.of("Document", "ManagedInstance", "MaintenanceWindow",
            "Parameter", "PatchBaseline", "OpsItem", "OpsMetadata", "Automation", "Association");

    private final StateStore store;
    private final ParameterNames names;

    SsmTagOperations(StateStore store, ParameterNames names) {
        this.store = store;
        this.names = names;
    }

    AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest request) {
        resourceType(request.resourceTypeAsString());
        String id = SsmRequests.required(request.resourceId(), "resourceId");
        Map<String, String> tags = tagMap(SsmRequests.requiredList(request.tags(), request.hasTags(), "tags"));
        store.write(tx -> {
            Parameter parameter = parameter(tx.state(), id);
            Map<String, String> merged = new HashMap<>(parameter.tags());
            merged.putAll(checkTags(tags, parameter.tags()));
            return tx.put(Kind.SSM_PARAMETER, parameter.withTags(merged));
        });
        return AddTagsToResourceResponse.builder().build();
    }

    RemoveTagsFromResourceResponse removeTagsFromResource(RemoveTagsFromResourceRequest request) {
        resourceType(request.resourceTypeAsString());
        String id = SsmRequests.required(request.resourceId(), "resourceId");
        List<String> keys = SsmRequests.requiredList(request.tagKeys(), request.hasTagKeys(), "tagKeys");
        store.write(tx -> {
            Parameter parameter = parameter(tx.state(), id);
            Map<String, String> remaining = new HashMap<>(parameter.tags());
            keys.forEach(remaining::remove);
            return tx.put(Kind.SSM_PARAMETER, parameter.withTags(remaining));
        });
        return RemoveTagsFromResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        resourceType(request.resourceTypeAsString());
        String id = SsmRequests.required(request.resourceId(), "resourceId");
        Parameter parameter = parameter(store.snapshot(), id);
        return ListTagsForResourceResponse.builder().tagList(parameter.tags().entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList()).build();
    }

    private static void resourceType(String type) {
        SsmRequests.required(type, "resourceType");
        if (!RESOURCE_TYPES.contains(type)) {
            throw SsmRequests.constraint(type, "resourceType", "Member must satisfy enum value set: "
                    + RESOURCE_TYPES);
        }
        if (!PARAMETER.equals(type)) {
            throw new ApiException(ErrorType.INVALID_RESOURCE_TYPE, "Invalid resource type " + type + ": ecsd "
                    + "keeps tags of parameters only (ResourceType Parameter).");
        }
    }

    private Parameter parameter(Snapshot state, String id) {
        return state.find(Kind.SSM_PARAMETER, names.keyOf(id)).orElseThrow(() -> new ApiException(
                ErrorType.INVALID_RESOURCE_ID, "The resource ID \"" + id + "\" is not valid. Verify the ID and try "
                        + "again."));
    }

    static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag tag : tags) {
            SsmRequests.required(tag.key(), "tags.member.key");
            if (tag.value() == null) {
                throw SsmRequests.constraint(null, "tags.member.value", "Member must not be null");
            }
            map.put(tag.key(), tag.value());
        }
        return map;
    }

    /** Checks tags to be added to a parameter that has {@code existing} ones; answers them. */
    static Map<String, String> checkTags(Map<String, String> tags, Map<String, String> existing) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().length() > 128) {
                throw SsmRequests.constraint(tag.getKey(), "tags.member.key",
                        "Member must have length less than or equal to 128");
            }
            if (tag.getKey().startsWith("aws:")) {
                throw SsmRequests.validation("Tag keys starting with \"aws:\" are reserved for AWS use.");
            }
            if (tag.getValue().length() > 256) {
                throw SsmRequests.constraint(tag.getValue(), "tags.member.value",
                        "Member must have length less than or equal to 256");
            }
        }
        Map<String, String> merged = new HashMap<>(existing);
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw new ApiException(ErrorType.TOO_MANY_TAGS_ERROR, "A parameter can have at most " + MAX_TAGS
                    + " tags; this request would give it " + merged.size() + ".");
        }
        return tags;
    }
}
