package dev.ecsd.api.ssm;

import dev.ecsd.api.Pages;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ssm.Parameter;
import dev.ecsd.model.ssm.ParameterVersion;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;

/** The operations that read values: GetParameter, GetParameters, GetParametersByPath and GetParameterHistory. */
final class ParameterReadOperations {
    static final int MAX_NAMES = 10;
    static final int BY_PATH_MAX_RESULTS = 10;
    static final int HISTORY_MAX_RESULTS = 50;

    private final StateStore store;
    private final ParameterNames names;
    private final ParameterViews views;

    ParameterReadOperations(StateStore store, ParameterNames names, ParameterViews views) {
        this.store = store;
        this.names = names;
        this.views = views;
    }

    GetParameterResponse getParameter(GetParameterRequest request) {
        String name = SsmRequests.required(request.name(), "name");
        SsmRequests.maxLength(name, 2048, "name");
        return GetParameterResponse.builder()
                .parameter(resolve(store.snapshot(), name, Boolean.TRUE.equals(request.withDecryption())))
                .build();
    }

    GetParametersResponse getParameters(GetParametersRequest request) {
        List<String> requested = SsmRequests.requiredList(request.names(), request.hasNames(), "names");
        if (requested.isEmpty() || requested.size() > MAX_NAMES) {
            throw SsmRequests.constraint(requested.toString(), "names", requested.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_NAMES);
        }
        Snapshot state = store.snapshot();
        boolean decrypt = Boolean.TRUE.equals(request.withDecryption());
        List<software.amazon.awssdk.services.ssm.model.Parameter> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String name : new LinkedHashSet<>(requested)) {
            try {
                found.add(resolve(state, name, decrypt));
            } catch (ApiException e) {
                invalid.add(name);
            }
        }
        return GetParametersResponse.builder().parameters(found).invalidParameters(invalid).build();
    }

    GetParametersByPathResponse getParametersByPath(GetParametersByPathRequest request) {
        String path = ParameterFilters.checkPath(SsmRequests.required(request.path(), "path"));
        int limit = SsmRequests.maxResults(request.maxResults(), BY_PATH_MAX_RESULTS, BY_PATH_MAX_RESULTS);
        ParameterFilters filters = ParameterFilters.forPath(request.hasParameterFilters()
                ? request.parameterFilters() : List.of());
        boolean recursive = Boolean.TRUE.equals(request.recursive());
        boolean decrypt = Boolean.TRUE.equals(request.withDecryption());
        List<Map.Entry<Parameter, ParameterVersion>> matches = new ArrayList<>();
        store.snapshot().all(Kind.SSM_PARAMETER)
                .filter(parameter -> ParameterFilters.under(parameter.name(), path, recursive))
                .sorted(Comparator.comparing(Parameter::name))
                .forEach(parameter -> filters.select(parameter)
                        .ifPresent(version -> matches.add(Map.entry(parameter, version))));
        Pages.Page<Map.Entry<Parameter, ParameterVersion>> page =
                SsmPages.page(matches, entry -> entry.getKey().name(), limit, request.nextToken());
        return GetParametersByPathResponse.builder()
                .parameters(page.items().stream()
                        .map(entry -> views.parameter(entry.getKey(), entry.getValue(), null, decrypt)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    GetParameterHistoryResponse getParameterHistory(GetParameterHistoryRequest request) {
        String name = SsmRequests.required(request.name(), "name");
        int limit = SsmRequests.maxResults(request.maxResults(), HISTORY_MAX_RESULTS, HISTORY_MAX_RESULTS);
        Parameter parameter = store.snapshot().find(Kind.SSM_PARAMETER, names.keyOf(name))
                .orElseThrow(() -> ParameterNames.notFound(name));
        boolean decrypt = Boolean.TRUE.equals(request.withDecryption());
        Pages.Page<ParameterVersion> page = SsmPages.page(parameter.versions(),
                version -> String.format("%019d", version.version()), limit, request.nextToken());
        return GetParameterHistoryResponse.builder()
                .parameters(page.items().stream().map(version -> views.history(parameter, version, decrypt)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    /** The version a name, ARN or {@code name:version} / {@code name:label} selects, as GetParameter answers it. */
    private software.amazon.awssdk.services.ssm.model.Parameter resolve(Snapshot state, String reference,
            boolean decrypt) {
        ParameterNames.Selected selected = names.select(reference);
        Parameter parameter = state.find(Kind.SSM_PARAMETER, Parameter.key(selected.name()))
                .orElseThrow(() -> ParameterNames.notFound(selected.name()));
        if (selected.selector() == null) {
            return views.parameter(parameter, parameter.latest(), null, decrypt);
        }
        Optional<ParameterVersion> version = selected.byVersion()
                ? parameter.version(parseVersion(selected.selector()))
                : parameter.labelled(selected.selector());
        ParameterVersion chosen = version.orElseThrow(() -> new ApiException(ErrorType.PARAMETER_VERSION_NOT_FOUND,
                "Systems Manager could not find version " + selected.selector() + " of " + selected.name()
                        + ". Verify the version and try again."));
        return views.parameter(parameter, chosen, selected.selector(), decrypt);
    }

    private static long parseVersion(String selector) {
        try {
            return Long.parseLong(selector);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
