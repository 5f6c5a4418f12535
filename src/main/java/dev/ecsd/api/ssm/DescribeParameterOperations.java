package dev.ecsd.api.ssm;

import dev.ecsd.api.Pages;
import dev.ecsd.model.ssm.Parameter;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParametersFilter;

/** DescribeParameters: parameters' metadata (never a value), by ParameterFilters or the older Filters. */
final class DescribeParameterOperations {
    static final int DEFAULT_RESULTS = 10;
    static final int MAX_RESULTS = 50;

    private final StateStore store;

    DescribeParameterOperations(StateStore store) {
        this.store = store;
    }

    DescribeParametersResponse describeParameters(DescribeParametersRequest request) {
        if (request.hasFilters() && request.hasParameterFilters()) {
            throw SsmRequests.validation("You can use either Filters or ParameterFilters in a single request.");
        }
        if (Boolean.TRUE.equals(request.shared())) {
            throw SsmRequests.validation("ecsd has no parameters shared from other accounts: call DescribeParameters "
                    + "without Shared.");
        }
        int limit = SsmRequests.maxResults(request.maxResults(), DEFAULT_RESULTS, MAX_RESULTS);
        List<ParameterStringFilter> filters = new ArrayList<>(request.hasParameterFilters()
                ? request.parameterFilters() : List.of());
        if (request.hasFilters()) {
            // The older Filters (Name, Type, KeyId) are ParameterFilters with fixed options: Name begins with.
            for (ParametersFilter filter : request.filters()) {
                filters.add(ParameterStringFilter.builder().key(filter.keyAsString())
                        .option("Name".equals(filter.keyAsString()) ? "BeginsWith" : "Equals")
                        .values(filter.values()).build());
            }
        }
        ParameterFilters checked = ParameterFilters.forDescribe(filters);
        List<Parameter> matching = store.snapshot().all(Kind.SSM_PARAMETER)
                .filter(parameter -> checked.select(parameter).isPresent())
                .sorted(Comparator.comparing(Parameter::name))
                .toList();
        Pages.Page<Parameter> page = SsmPages.page(matching, Parameter::name, limit, request.nextToken());
        return DescribeParametersResponse.builder()
                .parameters(page.items().stream().map(ParameterViews::metadata).toList())
                .nextToken(page.nextToken())
                .build();
    }
}
