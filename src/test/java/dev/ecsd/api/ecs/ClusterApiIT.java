package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.testing.SharedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandLogging;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Clusters through the SDK, as ECS answers them. */
class ClusterApiIT {
    private static final String ARN_PREFIX = "arn:aws:ecs:us-east-1:000000000000:cluster/";
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();

    // CreateCluster

    @Test
    void createClusterWithoutANameCreatesTheDefaultCluster() {
        Cluster cluster = ecs.createCluster(r -> { }).cluster();

        assertThat(cluster.clusterName()).isEqualTo("default");
        assertThat(cluster.clusterArn()).isEqualTo(ARN_PREFIX + "default");
        assertThat(ecs.listClusters().clusterArns()).containsExactly(ARN_PREFIX + "default");
    }

    @Test
    void createClusterAnswersAnActiveClusterWithEmptyCountsAndCollections() {
        Cluster cluster = ecs.createCluster(r -> r.clusterName("MyCluster")).cluster();

        assertThat(cluster.clusterArn()).isEqualTo(ARN_PREFIX + "MyCluster");
        assertThat(cluster.clusterName()).isEqualTo("MyCluster");
        assertThat(cluster.status()).isEqualTo("ACTIVE");
        assertThat(cluster.registeredContainerInstancesCount()).isZero();
        assertThat(cluster.runningTasksCount()).isZero();
        assertThat(cluster.pendingTasksCount()).isZero();
        assertThat(cluster.activeServicesCount()).isZero();
        assertThat(cluster.hasStatistics()).isTrue();
        assertThat(cluster.statistics()).isEmpty();
        assertThat(cluster.hasTags()).isTrue();
        assertThat(cluster.tags()).isEmpty();
        assertThat(cluster.settings()).containsExactly(setting("disabled"));
        assertThat(cluster.capacityProviders()).isEmpty();
        assertThat(cluster.defaultCapacityProviderStrategy()).isEmpty();
        assertThat(cluster.attachmentsStatus()).isNull();
    }

    @Test
    void createClusterIsIdempotentByNameAndReturnsTheExistingClusterUnchanged() {
        Cluster first = ecs.createCluster(r -> r.clusterName("idem")
                .settings(setting("enabled"))
                .tags(tag("team", "a"))).cluster();

        Cluster second = ecs.createCluster(r -> r.clusterName("idem")
                .settings(setting("disabled"))
                .tags(tag("team", "b"))
                .capacityProviders("FARGATE")).cluster();

        assertThat(second.clusterArn()).isEqualTo(first.clusterArn());
        assertThat(second.settings()).containsExactly(setting("enabled"));
        assertThat(second.tags()).containsExactly(tag("team", "a"));
        assertThat(second.capacityProviders()).isEmpty();
        assertThat(ecs.listClusters().clusterArns()).containsExactly(ARN_PREFIX + "idem");
    }

    @Test
    void createClusterWithFargateCapacityProvidersAndADefaultStrategy() {
        Cluster cluster = ecs.createCluster(r -> r.clusterName("fargate")
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(
                        strategy("FARGATE", 1, 1),
                        CapacityProviderStrategyItem.builder().capacityProvider("FARGATE_SPOT").weight(4).build()))
                .cluster();

        assertThat(cluster.status()).isEqualTo("ACTIVE");
        assertThat(cluster.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        // ECS fills in the base it was not given
        assertThat(cluster.defaultCapacityProviderStrategy())
                .extracting(CapacityProviderStrategyItem::capacityProvider, CapacityProviderStrategyItem::weight,
                        CapacityProviderStrategyItem::base)
                .containsExactly(tuple("FARGATE", 1, 1), tuple("FARGATE_SPOT", 4, 0));
        // Fargate capacity needs no Auto Scaling resources
        assertThat(cluster.hasAttachments()).isTrue();
        assertThat(cluster.attachments()).isEmpty();
        assertThat(cluster.attachmentsStatus()).isNotNull();
    }

    @Test
    void aDefaultStrategyWhoseWeightsAreAllZeroIsAccepted() {
        // ECS refuses such a strategy only when a service or task would use it (terraform-aws-ecs issue 27)
        Cluster cluster = ecs.createCluster(r -> r.clusterName("zero")
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 0, 0), strategy("FARGATE_SPOT", 0, 0)))
                .cluster();

        assertThat(cluster.defaultCapacityProviderStrategy()).extracting(CapacityProviderStrategyItem::weight)
                .containsExactly(0, 0);
    }

    @Test
    void aBaseOnMoreThanOneProviderIsRefused() {
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("bases")
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1, 1), strategy("FARGATE_SPOT", 1, 2))), "base");
        assertThat(ecs.listClusters().clusterArns()).isEmpty();
    }

    @Test
    void aStrategyProviderThatIsNotAmongTheClustersProvidersIsRefused() {
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("not-associated")
                .capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(strategy("FARGATE_SPOT", 1, 0))), "not associated with the cluster");
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("no-providers")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1, 0))), "not associated with the cluster");
    }

    @Test
    void anUnknownCapacityProviderIsRefused() {
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("unknown")
                .capacityProviders("FARGATE", "MY_ASG_PROVIDER")), "MY_ASG_PROVIDER");
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("twice")
                .capacityProviders("FARGATE", "FARGATE")), "FARGATE");
    }

    @Test
    void weightsAndBasesOutOfRangeAreRefused() {
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("heavy")
                .capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1001, 0))), "weight");
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("negative")
                .capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(strategy("FARGATE", -1, 0))), "weight");
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("based")
                .capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1, 100001))), "base");
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("duplicated")
                .capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1, 0), strategy("FARGATE", 2, 0))), "duplicate");
        assertThat(ecs.listClusters().clusterArns()).isEmpty();
    }

    @Test
    void theWeightAndBaseLimitsThemselvesAreAccepted() {
        Cluster cluster = ecs.createCluster(r -> r.clusterName("limits")
                .capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1000, 100000))).cluster();

        assertThat(cluster.defaultCapacityProviderStrategy()).containsExactly(strategy("FARGATE", 1000, 100000));
    }

    @Test
    void invalidClusterNamesAreRefused() {
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("has space")), "has space");
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("slash/ed")), "slash/ed");
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("x".repeat(256))), "255");
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("")), "cluster name");
        assertThat(ecs.listClusters().clusterArns()).isEmpty();
    }

    @Test
    void aNameOf255LettersDigitsHyphensAndUnderscoresIsValid() {
        String name = "Ab-9_" + "z".repeat(250);

        assertThat(ecs.createCluster(r -> r.clusterName(name)).cluster().clusterName()).isEqualTo(name);
    }

    @Test
    void containerInsightsSettingsAreKeptAndValidated() {
        assertThat(ecs.createCluster(r -> r.clusterName("insights").settings(setting("enabled"))).cluster().settings())
                .containsExactly(setting("enabled"));
        assertThat(ecs.createCluster(r -> r.clusterName("enhanced").settings(setting("enhanced"))).cluster().settings())
                .containsExactly(setting("enhanced"));
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("maybe").settings(setting("maybe"))),
                "maybe");
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("other")
                .settings(ClusterSetting.builder().name("fastMode").value("enabled").build())), "fastMode");
    }

    @Test
    void createClusterKeepsAndReturnsItsTags() {
        Cluster cluster = ecs.createCluster(r -> r.clusterName("tagged")
                .tags(tag("team", "platform"), tag("cost-center", ""))).cluster();

        assertThat(cluster.tags()).containsExactly(tag("team", "platform"), tag("cost-center", ""));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(cluster.clusterArn())).tags())
                .containsExactly(tag("team", "platform"), tag("cost-center", ""));
    }

    @Test
    void createClusterRefusesReservedAndTooManyTags() {
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("reserved").tags(tag("aws:owner", "me"))),
                "aws:");
        List<Tag> tags = IntStream.range(0, 51).mapToObj(i -> tag("k" + i, "v")).toList();
        assertInvalidParameter(() -> ecs.createCluster(r -> r.clusterName("crowded").tags(tags)), "50");
        assertThat(ecs.listClusters().clusterArns()).isEmpty();
    }

    // DescribeClusters

    @Test
    void describeClustersFindsClustersByNameAndByArn() {
        ecs.createCluster(r -> r.clusterName("one"));
        ecs.createCluster(r -> r.clusterName("two"));

        DescribeClustersResponse response = ecs.describeClusters(r -> r.clusters("one", ARN_PREFIX + "two"));

        assertThat(response.clusters()).extracting(Cluster::clusterName).containsExactly("one", "two");
        assertThat(response.hasFailures()).isTrue();
        assertThat(response.failures()).isEmpty();
    }

    @Test
    void describeClustersReportsUnknownClustersAsMissingFailures() {
        ecs.createCluster(r -> r.clusterName("known"));

        DescribeClustersResponse response = ecs.describeClusters(r -> r.clusters("known", "unknown",
                ARN_PREFIX + "also-unknown"));

        assertThat(response.clusters()).extracting(Cluster::clusterName).containsExactly("known");
        assertThat(response.failures()).extracting(Failure::arn, Failure::reason).containsExactly(
                tuple(ARN_PREFIX + "unknown", "MISSING"), tuple(ARN_PREFIX + "also-unknown", "MISSING"));
    }

    @Test
    void describeClustersWithoutClustersDescribesTheDefaultCluster() {
        assertThat(ecs.describeClusters(r -> { }).failures()).extracting(Failure::arn, Failure::reason)
                .containsExactly(tuple(ARN_PREFIX + "default", "MISSING"));

        ecs.createCluster(r -> { });

        assertThat(ecs.describeClusters(r -> { }).clusters()).extracting(Cluster::clusterName).containsExactly("default");
    }

    @Test
    void withoutIncludeDescribeClustersLeavesOutSettingsTagsConfigurationAndAttachments() {
        createFullyConfiguredCluster(ecs, "plain");

        Cluster cluster = ecs.describeClusters(r -> r.clusters("plain")).clusters().getFirst();

        assertThat(cluster.status()).isEqualTo("ACTIVE");
        assertThat(cluster.hasSettings()).isFalse();
        assertThat(cluster.configuration()).isNull();
        assertThat(cluster.hasAttachments()).isFalse();
        assertThat(cluster.statistics()).isEmpty();
        assertThat(cluster.tags()).isEmpty();
        assertThat(cluster.capacityProviders()).containsExactly("FARGATE");
        assertThat(cluster.defaultCapacityProviderStrategy()).containsExactly(strategy("FARGATE", 1, 0));
        assertThat(cluster.registeredContainerInstancesCount()).isZero();
        assertThat(cluster.runningTasksCount()).isZero();
        assertThat(cluster.pendingTasksCount()).isZero();
        assertThat(cluster.activeServicesCount()).isZero();
    }

    @Test
    void includeAddsExactlyWhatItNames() {
        createFullyConfiguredCluster(ecs, "full");

        Cluster settings = describeWith(ClusterField.SETTINGS);
        Cluster tags = describeWith(ClusterField.TAGS);
        Cluster configurations = describeWith(ClusterField.CONFIGURATIONS);
        Cluster attachments = describeWith(ClusterField.ATTACHMENTS);

        assertThat(settings.settings()).containsExactly(setting("enabled"));
        assertThat(settings.tags()).isEmpty();
        assertThat(tags.tags()).containsExactly(tag("team", "platform"));
        assertThat(tags.hasSettings()).isFalse();
        assertThat(configurations.configuration().executeCommandConfiguration().logging())
                .isEqualTo(ExecuteCommandLogging.DEFAULT);
        assertThat(configurations.hasSettings()).isFalse();
        assertThat(attachments.hasAttachments()).isTrue();
        assertThat(attachments.attachments()).isEmpty();
        assertThat(attachments.configuration()).isNull();
    }

    @Test
    void includeStatisticsReportsEveryCountAsZero() {
        ecs.createCluster(r -> r.clusterName("stats"));

        Cluster cluster = ecs.describeClusters(r -> r.clusters("stats").include(ClusterField.STATISTICS))
                .clusters().getFirst();

        assertThat(cluster.statistics()).extracting(KeyValuePair::name).containsExactlyInAnyOrder(
                "runningEC2TasksCount", "runningFargateTasksCount", "pendingEC2TasksCount", "pendingFargateTasksCount",
                "activeEC2ServiceCount", "activeFargateServiceCount", "drainingEC2ServiceCount",
                "drainingFargateServiceCount");
        assertThat(cluster.statistics()).extracting(KeyValuePair::value).containsOnly("0");
    }

    @Test
    void allIncludesTogether() {
        createFullyConfiguredCluster(ecs, "everything");

        Cluster cluster = ecs.describeClusters(r -> r.clusters("everything").include(ClusterField.knownValues()))
                .clusters().getFirst();

        assertThat(cluster.settings()).containsExactly(setting("enabled"));
        assertThat(cluster.tags()).containsExactly(tag("team", "platform"));
        assertThat(cluster.configuration()).isNotNull();
        assertThat(cluster.statistics()).hasSize(8);
        assertThat(cluster.hasAttachments()).isTrue();
    }

    @Test
    void anInvalidIncludeValueIsRefused() {
        ecs.createCluster(r -> r.clusterName("c"));

        assertInvalidParameter(() -> ecs.describeClusters(r -> r.clusters("c").includeWithStrings("EVERYTHING")),
                "EVERYTHING");
    }

    @Test
    void describeClustersAcceptsAtMost100Clusters() {
        List<String> names = IntStream.range(0, 101).mapToObj(i -> "c" + i).toList();

        assertThat(ecs.describeClusters(r -> r.clusters(names.subList(0, 100))).failures()).hasSize(100);
        assertInvalidParameter(() -> ecs.describeClusters(r -> r.clusters(names)), "100");
    }

    // ListClusters

    @Test
    void listClustersPagesThroughEveryClusterOnceWithNextToken() {
        List<String> expected = new ArrayList<>();
        for (String name : List.of("g", "c", "a", "e", "b", "f", "d")) {
            expected.add(ecs.createCluster(r -> r.clusterName(name)).cluster().clusterArn());
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            ListClustersResponse page = ecs.listClusters(r -> r.maxResults(3).nextToken(current));
            seen.addAll(page.clusterArns());
            pageSizes.add(page.clusterArns().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen).isSorted();
    }

    @Test
    void theSdkPaginatorSeesEveryCluster() {
        for (int i = 0; i < 7; i++) {
            String name = "p" + i;
            ecs.createCluster(r -> r.clusterName(name));
        }

        List<String> all = ecs.listClustersPaginator(r -> r.maxResults(2)).clusterArns().stream().toList();

        assertThat(all).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void aPageThatEndsTheListHasNoNextToken() {
        ecs.createCluster(r -> r.clusterName("a"));
        ecs.createCluster(r -> r.clusterName("b"));

        assertThat(ecs.listClusters(r -> r.maxResults(2)).nextToken()).isNull();
        assertThat(ecs.listClusters().nextToken()).isNull();
    }

    @Test
    void maxResultsOutsideOneToOneHundredIsRefused() {
        assertInvalidParameter(() -> ecs.listClusters(r -> r.maxResults(0)), "maxResults");
        assertInvalidParameter(() -> ecs.listClusters(r -> r.maxResults(101)), "maxResults");
        assertInvalidParameter(() -> ecs.listClusters(r -> r.maxResults(-1)), "maxResults");
        assertThat(ecs.listClusters(r -> r.maxResults(100)).clusterArns()).isEmpty();
    }

    @Test
    void aNextTokenThatWasNeverIssuedIsRefused() {
        ecs.createCluster(r -> r.clusterName("a"));

        assertInvalidParameter(() -> ecs.listClusters(r -> r.nextToken("garbage!")), "nextToken");
        assertInvalidParameter(() -> ecs.listClusters(r -> r.nextToken("bm90LWEtdG9rZW4")), "nextToken");
    }

    // DeleteCluster

    @Test
    void deleteClusterAnswersTheClusterAsInactive() {
        ecs.createCluster(r -> r.clusterName("gone").tags(tag("team", "a")));

        Cluster deleted = ecs.deleteCluster(r -> r.cluster("gone")).cluster();

        assertThat(deleted.status()).isEqualTo("INACTIVE");
        assertThat(deleted.clusterArn()).isEqualTo(ARN_PREFIX + "gone");
        assertThat(deleted.runningTasksCount()).isZero();
        assertThat(deleted.statistics()).isEmpty();
        assertThat(deleted.tags()).isEmpty();
    }

    @Test
    void aDeletedClusterIsStillDescribableButNoLongerListed() {
        ecs.createCluster(r -> r.clusterName("gone"));
        ecs.createCluster(r -> r.clusterName("stays"));
        ecs.deleteCluster(r -> r.cluster(ARN_PREFIX + "gone"));

        assertThat(ecs.describeClusters(r -> r.clusters("gone")).clusters())
                .extracting(Cluster::status).containsExactly("INACTIVE");
        assertThat(ecs.listClusters().clusterArns()).containsExactly(ARN_PREFIX + "stays");
    }

    @Test
    void deletingADeletedOrUnknownClusterIsClusterNotFound() {
        ecs.createCluster(r -> r.clusterName("gone"));
        ecs.deleteCluster(r -> r.cluster("gone"));

        assertClusterNotFound(() -> ecs.deleteCluster(r -> r.cluster("gone")));
        assertClusterNotFound(() -> ecs.deleteCluster(r -> r.cluster("never-was")));
    }

    @Test
    void aDeletedClusterCannotBeUpdated() {
        ecs.createCluster(r -> r.clusterName("gone"));
        ecs.deleteCluster(r -> r.cluster("gone"));

        assertClusterNotFound(() -> ecs.updateClusterSettings(r -> r.cluster("gone").settings(setting("enabled"))));
        assertClusterNotFound(() -> ecs.updateCluster(r -> r.cluster("gone").settings(setting("enabled"))));
        assertClusterNotFound(() -> ecs.putClusterCapacityProviders(r -> r.cluster("gone")
                .capacityProviders("FARGATE").defaultCapacityProviderStrategy(List.of())));
    }

    @Test
    void recreatingADeletedClusterMakesAFreshActiveCluster() {
        ecs.createCluster(r -> r.clusterName("phoenix").settings(setting("enabled")).tags(tag("life", "1")));
        ecs.deleteCluster(r -> r.cluster("phoenix"));

        Cluster reborn = ecs.createCluster(r -> r.clusterName("phoenix").tags(tag("life", "2"))).cluster();

        assertThat(reborn.status()).isEqualTo("ACTIVE");
        assertThat(reborn.settings()).containsExactly(setting("disabled"));
        assertThat(reborn.tags()).containsExactly(tag("life", "2"));
        assertThat(ecs.listClusters().clusterArns()).containsExactly(ARN_PREFIX + "phoenix");
        assertThat(ecs.describeClusters(r -> r.clusters("phoenix")).clusters())
                .extracting(Cluster::status).containsExactly("ACTIVE");
    }

    static void createFullyConfiguredCluster(EcsClient ecs, String name) {
        ecs.createCluster(r -> r.clusterName(name)
                .settings(setting("enabled"))
                .tags(tag("team", "platform"))
                .configuration(c -> c.executeCommandConfiguration(e -> e.logging(ExecuteCommandLogging.DEFAULT)))
                .capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1, 0)));
    }

    private Cluster describeWith(ClusterField include) {
        return ecs.describeClusters(r -> r.clusters("full").include(include)).clusters().getFirst();
    }

    static Cluster describeWith(EcsClient ecs, String name, ClusterField... include) {
        return ecs.describeClusters(r -> r.clusters(name).include(include)).clusters().getFirst();
    }

    static ClusterSetting setting(String containerInsights) {
        return ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value(containerInsights).build();
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static CapacityProviderStrategyItem strategy(String provider, int weight, int base) {
        return CapacityProviderStrategyItem.builder().capacityProvider(provider).weight(weight).base(base).build();
    }

    static void assertInvalidParameter(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    static void assertClusterNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ClusterNotFoundException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cluster not found."));
    }
}
