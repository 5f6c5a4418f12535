package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ClusterApiIT.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.testing.SharedServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderField;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;

/** DescribeCapacityProviders: the Fargate providers every account has. */
class CapacityProviderApiIT {
    private static final String ARN_PREFIX = "arn:aws:ecs:us-east-1:000000000000:capacity-provider/";
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();

    @Test
    void fargateAndFargateSpotExistInEveryAccount() {
        DescribeCapacityProvidersResponse response = ecs.describeCapacityProviders(r -> { });

        assertThat(response.capacityProviders())
                .extracting(CapacityProvider::name, CapacityProvider::capacityProviderArn, CapacityProvider::statusAsString)
                .containsExactly(
                        tuple("FARGATE", ARN_PREFIX + "FARGATE", "ACTIVE"),
                        tuple("FARGATE_SPOT", ARN_PREFIX + "FARGATE_SPOT", "ACTIVE"));
        assertThat(response.capacityProviders()).allSatisfy(provider -> {
            assertThat(provider.autoScalingGroupProvider()).isNull();
            assertThat(provider.tags()).isEmpty();
        });
        assertThat(response.failures()).isEmpty();
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void providersCanBeNamedByNameOrArn() {
        DescribeCapacityProvidersResponse response = ecs.describeCapacityProviders(r -> r
                .capacityProviders(ARN_PREFIX + "FARGATE_SPOT", "FARGATE"));

        assertThat(response.capacityProviders()).extracting(CapacityProvider::name)
                .containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT");
        assertThat(response.failures()).isEmpty();
    }

    @Test
    void unknownProvidersAreMissingFailures() {
        DescribeCapacityProvidersResponse response = ecs.describeCapacityProviders(r -> r
                .capacityProviders("FARGATE", "my-asg-provider",
                        "arn:aws:ecs:us-east-1:000000000000:capacity-provider/other",
                        "arn:aws:ecs:eu-west-1:000000000000:capacity-provider/FARGATE"));

        assertThat(response.capacityProviders()).extracting(CapacityProvider::name).containsExactly("FARGATE");
        assertThat(response.failures()).extracting(Failure::arn, Failure::reason).containsExactly(
                tuple(ARN_PREFIX + "my-asg-provider", "MISSING"),
                tuple("arn:aws:ecs:us-east-1:000000000000:capacity-provider/other", "MISSING"),
                tuple("arn:aws:ecs:eu-west-1:000000000000:capacity-provider/FARGATE", "MISSING"));
    }

    @Test
    void pagingWithOneResultAPageSeesEveryProviderOnceWhateverTheRequestOrder() {
        List<String> seen = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            DescribeCapacityProvidersResponse page = ecs.describeCapacityProviders(r -> r
                    .capacityProviders("FARGATE_SPOT", "nope", "FARGATE").maxResults(1).nextToken(current));
            page.capacityProviders().forEach(provider -> seen.add(provider.name()));
            failures.addAll(page.failures());
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);

        assertThat(seen).containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT");
        assertThat(failures).extracting(Failure::arn).containsExactly(ARN_PREFIX + "nope");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void includeTagsAddsTheTagsAndAnythingElseIsRefused() {
        assertThat(ecs.describeCapacityProviders(r -> r.include(CapacityProviderField.TAGS)).capacityProviders())
                .allSatisfy(provider -> assertThat(provider.hasTags()).isTrue());
        assertInvalidParameter(() -> ecs.describeCapacityProviders(r -> r.includeWithStrings("EVERYTHING")),
                "EVERYTHING");
    }

    @Test
    void maxResultsOutsideOneToTenIsRefused() {
        assertInvalidParameter(() -> ecs.describeCapacityProviders(r -> r.maxResults(0)), "maxResults");
        assertInvalidParameter(() -> ecs.describeCapacityProviders(r -> r.maxResults(11)), "maxResults");
    }
}
