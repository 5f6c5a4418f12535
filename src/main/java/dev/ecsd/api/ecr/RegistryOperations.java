package dev.ecsd.api.ecr;

import dev.ecsd.control.images.EcrTokens;
import dev.ecsd.protocol.Caller;
import java.time.InstantSource;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryResponse;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.services.ecr.model.ReplicationConfiguration;

/** The registry itself: GetAuthorizationToken (Docker's login to it) and DescribeRegistry. */
final class RegistryOperations {
    private final EcrScope scope;
    private final EcrTokens tokens;
    private final InstantSource clock;

    RegistryOperations(EcrScope scope, EcrTokens tokens, InstantSource clock) {
        this.scope = scope;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * A token for this region's registry, valid 12 hours, for the caller's access key. The deprecated
     * {@code registryIds} each get the same registry's data, as ECR answers one per id.
     */
    GetAuthorizationTokenResponse getAuthorizationToken(Caller caller, GetAuthorizationTokenRequest request) {
        List<String> registryIds = request.hasRegistryIds() ? request.registryIds() : List.of(scope.accountId());
        if (registryIds.isEmpty() || registryIds.size() > 10) {
            throw EcrRequests.invalidParameter("registryIds", "Member must have length between 1 and 10");
        }
        registryIds.forEach(EcrRequests::checkRegistryId);
        EcrTokens.Claims claims = new EcrTokens.Claims(scope.accountId(), scope.region(), caller.accessKeyId(),
                clock.instant().plus(EcrTokens.VALIDITY));
        String token = tokens.authorizationToken(claims);
        String proxyEndpoint = "http://" + scope.storage().address();
        return GetAuthorizationTokenResponse.builder()
                .authorizationData(registryIds.stream().map(id -> AuthorizationData.builder()
                        .authorizationToken(token).expiresAt(claims.expiresAt()).proxyEndpoint(proxyEndpoint)
                        .build()).toList())
                .build();
    }

    /** The registry's id; ecsd replicates nothing, so its replication configuration has no rules. */
    DescribeRegistryResponse describeRegistry(DescribeRegistryRequest request) {
        return DescribeRegistryResponse.builder().registryId(scope.accountId())
                .replicationConfiguration(ReplicationConfiguration.builder().rules(List.of()).build()).build();
    }
}
