package dev.ecsd.api.ecs;

import dev.ecsd.api.Pages;
import dev.ecsd.model.Arns;
import dev.ecsd.scheduler.CapacityProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;

/** DescribeCapacityProviders: the FARGATE and FARGATE_SPOT providers every account has. */
public final class CapacityProviderOperations {
    private final EcsResources resources;

    public CapacityProviderOperations(EcsResources resources) {
        this.resources = resources;
    }

    public DescribeCapacityProvidersResponse describeCapacityProviders(DescribeCapacityProvidersRequest request) {
        EcsResources.includesTags(request.includeAsStrings());
        // Pages resume after the last name returned, so the providers found must be in name order, each once.
        Map<String, CapacityProvider> found = new TreeMap<>();
        List<Failure> failures = new ArrayList<>();
        List<String> wanted = request.capacityProviders().isEmpty() ? CapacityProviders.BUILT_IN : request.capacityProviders();
        for (String identifier : wanted) {
            String name = Arns.isArn(identifier) ? Arns.lastSegment(identifier) : identifier;
            String arn = resources.arns().capacityProvider(name);
            if (CapacityProviders.exists(name) && (!identifier.startsWith("arn:") || identifier.equals(arn))) {
                found.put(name, CapacityProvider.builder().capacityProviderArn(arn).name(name).status("ACTIVE")
                        .tags(List.of()).build());
            } else {
                failures.add(Failure.builder().arn(identifier.startsWith("arn:") ? identifier : arn).reason("MISSING").build());
            }
        }
        boolean firstPage = request.nextToken() == null || request.nextToken().isEmpty();
        Pages.Page<CapacityProvider> page = Pages.page(List.copyOf(found.values()), CapacityProvider::name,
                request.maxResults(), 10, 10, request.nextToken());
        return DescribeCapacityProvidersResponse.builder()
                .capacityProviders(page.items())
                .failures(firstPage ? failures : List.of())
                .nextToken(page.nextToken())
                .build();
    }
}
