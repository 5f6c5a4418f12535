package dev.ecsd.api.ssm;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ssm.Parameter;
import dev.ecsd.model.ssm.ParameterVersion;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterResponse;
import software.amazon.awssdk.services.ssm.model.DeleteParametersRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParametersResponse;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionRequest;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/** The operations that change parameters: PutParameter, DeleteParameter(s) and LabelParameterVersion. */
final class ParameterWriteOperations {
    static final int MAX_LABELS_PER_VERSION = 10;

    private final StateStore store;
    private final ParameterNames names;
    private final ParameterViews views;
    private final String user;

    ParameterWriteOperations(StateStore store, ParameterNames names, ParameterViews views, String user) {
        this.store = store;
        this.names = names;
        this.views = views;
        this.user = user;
    }

    PutParameterResponse putParameter(PutParameterRequest request) {
        String name = ParameterNames.checkNew(request.name());
        String value = ParameterChecks.value(request.value());
        boolean overwrite = Boolean.TRUE.equals(request.overwrite());
        Map<String, String> tags = request.hasTags() ? SsmTagOperations.tagMap(request.tags()) : Map.of();
        if (overwrite && !tags.isEmpty()) {
            throw SsmRequests.validation("Invalid request: tags and overwrite can't be used together. To create a "
                    + "parameter with tags, please remove overwrite flag. To update tags for an existing parameter, "
                    + "please use AddTagsToResource or RemoveTagsFromResource.");
        }
        String requestedType = request.typeAsString() == null ? null : ParameterChecks.type(request.typeAsString());
        SsmRequests.maxLength(request.description(), 1024, "description");
        Pattern requestedPattern = ParameterChecks.allowedPattern(request.allowedPattern());
        String dataType = request.dataType() == null ? null : ParameterChecks.dataType(request.dataType());
        ParameterChecks.policies(request.policies());
        SsmTagOperations.checkTags(tags, Map.of());
        return store.write(tx -> {
            Optional<Parameter> existing = tx.find(Kind.SSM_PARAMETER, Parameter.key(name));
            if (existing.isPresent() && !overwrite) {
                throw new ApiException(ErrorType.PARAMETER_ALREADY_EXISTS, "The parameter already exists. To "
                        + "overwrite this value, set the overwrite option in the request to true.");
            }
            ParameterVersion previous = existing.map(Parameter::latest).orElse(null);
            if (previous == null && requestedType == null) {
                throw SsmRequests.validation("A parameter type is required when you create a parameter.");
            }
            String type = requestedType != null ? requestedType : previous.type();
            String pattern = request.allowedPattern() != null ? request.allowedPattern()
                    : previous == null ? null : previous.allowedPattern();
            ParameterChecks.matches(requestedPattern != null ? requestedPattern
                    : ParameterChecks.allowedPattern(pattern), value);
            String tier = ParameterChecks.tier(request.tierAsString(), previous == null ? null : previous.tier(),
                    value);
            String keyId = ParameterChecks.keyId(request.keyId(), type,
                    previous == null || !previous.secure() ? null : previous.keyId());
            Parameter parameter = existing.orElseGet(() -> new Parameter(name, names.arn(name), tags, List.of()));
            List<ParameterVersion> versions = new ArrayList<>(parameter.versions());
            if (versions.size() >= Parameter.MAX_VERSIONS) {
                ParameterVersion oldest = versions.getFirst();
                if (!oldest.labels().isEmpty()) {
                    throw new ApiException(ErrorType.PARAMETER_MAX_VERSION_LIMIT_EXCEEDED, "You attempted to create "
                            + "a new version of " + name + " by calling the PutParameter API with the overwrite "
                            + "flag. Version " + oldest.version() + ", the oldest version, can't be deleted because "
                            + "it has a label associated with it. Move the label to another version of the "
                            + "parameter, and try again.");
                }
                versions.removeFirst();
            }
            long number = previous == null ? 1 : previous.version() + 1;
            String stored = ParameterVersion.SECURE_STRING.equals(type) ? views.seal(parameter.arn(), number, value)
                    : value;
            versions.add(new ParameterVersion(number, type, stored, keyId,
                    request.description() != null ? request.description()
                            : previous == null ? null : previous.description(),
                    pattern, tier,
                    dataType != null ? dataType : previous == null ? ParameterChecks.TEXT : previous.dataType(),
                    List.of(), tx.now(), user));
            tx.put(Kind.SSM_PARAMETER, parameter.withVersions(versions));
            return PutParameterResponse.builder().version(number).tier(tier).build();
        });
    }

    DeleteParameterResponse deleteParameter(DeleteParameterRequest request) {
        String name = SsmRequests.required(request.name(), "name");
        store.write(tx -> {
            String key = names.keyOf(name);
            if (tx.find(Kind.SSM_PARAMETER, key).isEmpty()) {
                throw ParameterNames.notFound(name);
            }
            tx.delete(Kind.SSM_PARAMETER, key);
            return null;
        });
        return DeleteParameterResponse.builder().build();
    }

    DeleteParametersResponse deleteParameters(DeleteParametersRequest request) {
        List<String> requested = SsmRequests.requiredList(request.names(), request.hasNames(), "names");
        if (requested.isEmpty() || requested.size() > 10) {
            throw SsmRequests.constraint(requested.toString(), "names", requested.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 10");
        }
        List<String> deleted = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        store.write(tx -> {
            for (String name : new LinkedHashSet<>(requested)) {
                String key = Parameter.key(name.strip());
                if (tx.find(Kind.SSM_PARAMETER, key).isPresent()) {
                    tx.delete(Kind.SSM_PARAMETER, key);
                    deleted.add(name);
                } else {
                    invalid.add(name);
                }
            }
            return null;
        });
        return DeleteParametersResponse.builder().deletedParameters(deleted).invalidParameters(invalid).build();
    }

    /**
     * Puts labels on a version (the latest when none is named), moving any of them from the version that had it;
     * labels SSM does not accept are answered in InvalidLabels and not applied.
     */
    LabelParameterVersionResponse labelParameterVersion(LabelParameterVersionRequest request) {
        String name = SsmRequests.required(request.name(), "name");
        List<String> labels = SsmRequests.requiredList(request.labels(), request.hasLabels(), "labels");
        if (labels.isEmpty() || labels.size() > MAX_LABELS_PER_VERSION) {
            throw SsmRequests.constraint(labels.toString(), "labels", labels.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_LABELS_PER_VERSION);
        }
        List<String> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String label : new LinkedHashSet<>(labels)) {
            (ParameterChecks.validLabel(label) ? valid : invalid).add(label);
        }
        return store.write(tx -> {
            Parameter parameter = tx.find(Kind.SSM_PARAMETER, names.keyOf(name))
                    .orElseThrow(() -> ParameterNames.notFound(name));
            long number = request.parameterVersion() == null ? parameter.latest().version()
                    : request.parameterVersion();
            ParameterVersion target = parameter.version(number).orElseThrow(() -> new ApiException(
                    ErrorType.PARAMETER_VERSION_NOT_FOUND, "Systems Manager could not find version " + number
                            + " of " + name + ". Verify the version and try again."));
            LinkedHashSet<String> onTarget = new LinkedHashSet<>(target.labels());
            onTarget.addAll(valid);
            if (onTarget.size() > MAX_LABELS_PER_VERSION) {
                throw new ApiException(ErrorType.PARAMETER_VERSION_LABEL_LIMIT_EXCEEDED, "A parameter version can "
                        + "have maximum " + MAX_LABELS_PER_VERSION + " labels. Move one or more labels to another "
                        + "version and try again.");
            }
            List<ParameterVersion> versions = parameter.versions().stream().map(version -> {
                if (version.version() == number) {
                    return version.withLabels(List.copyOf(onTarget));
                }
                List<String> kept = version.labels().stream().filter(label -> !valid.contains(label)).toList();
                return kept.size() == version.labels().size() ? version : version.withLabels(kept);
            }).toList();
            tx.put(Kind.SSM_PARAMETER, parameter.withVersions(versions));
            return LabelParameterVersionResponse.builder().invalidLabels(invalid).parameterVersion(number).build();
        });
    }
}
