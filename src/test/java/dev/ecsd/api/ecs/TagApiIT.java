package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ClusterApiIT.assertClusterNotFound;
import static dev.ecsd.api.ecs.ClusterApiIT.assertInvalidParameter;
import static dev.ecsd.api.ecs.ClusterApiIT.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.SharedServer;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;

/** TagResource, UntagResource and ListTagsForResource on clusters and task definitions. */
class TagApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();

    @Test
    void aClusterIsTaggedRetaggedAndUntagged() {
        String arn = ecs.createCluster(r -> r.clusterName("tagged")).cluster().clusterArn();
        assertThat(tagsOf(arn)).isEmpty();

        ecs.tagResource(r -> r.resourceArn(arn).tags(tag("team", "a"), tag("env", "dev"), tag("tier", "web")));
        ecs.tagResource(r -> r.resourceArn(arn).tags(tag("env", "prod")));

        assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("team", "a"), tag("env", "prod"), tag("tier", "web"));

        ecs.untagResource(r -> r.resourceArn(arn).tagKeys("team", "not-there"));

        assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("env", "prod"), tag("tier", "web"));
        assertThat(ecs.describeClusters(r -> r.clusters("tagged").include(
                ClusterField.TAGS)).clusters().getFirst().tags())
                .containsExactlyInAnyOrder(tag("env", "prod"), tag("tier", "web"));
    }

    @Test
    void aTaskDefinitionRevisionIsTaggedAndUntagged() {
        String first = register("web", List.of(tag("team", "a")));
        String second = register("web", List.of());

        ecs.tagResource(r -> r.resourceArn(first).tags(tag("release", "1.0")));

        assertThat(tagsOf(first)).containsExactlyInAnyOrder(tag("team", "a"), tag("release", "1.0"));
        assertThat(tagsOf(second)).isEmpty();

        ecs.untagResource(r -> r.resourceArn(first).tagKeys("team"));

        assertThat(tagsOf(first)).containsExactly(tag("release", "1.0"));
        assertThat(first).endsWith("task-definition/web:1");
        assertThat(second).endsWith("task-definition/web:2");
    }

    @Test
    void reservedAwsPrefixedKeysAreRefused() {
        String arn = ecs.createCluster(r -> r.clusterName("reserved")).cluster().clusterArn();

        assertInvalidParameter(() -> ecs.tagResource(r -> r.resourceArn(arn).tags(tag("ok", "1"), tag("aws:owner", "x"))),
                "aws:");
        assertInvalidParameter(() -> ecs.tagResource(r -> r.resourceArn(arn).tags(tag("AWS:Owner", "x"))), "aws:");
        assertThat(tagsOf(arn)).isEmpty();
    }

    @Test
    void tagLimitsAreEnforced() {
        String arn = ecs.createCluster(r -> r.clusterName("limits")).cluster().clusterArn();
        List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();

        assertInvalidParameter(() -> ecs.tagResource(r -> r.resourceArn(arn).tags(tag("k".repeat(129), "v"))), "128");
        assertInvalidParameter(() -> ecs.tagResource(r -> r.resourceArn(arn).tags(tag("k", "v".repeat(257)))), "256");
        ecs.tagResource(r -> r.resourceArn(arn).tags(fifty));
        assertInvalidParameter(() -> ecs.tagResource(r -> r.resourceArn(arn).tags(tag("one-more", "v"))), "50");
        // replacing the value of an existing key does not add a tag
        ecs.tagResource(r -> r.resourceArn(arn).tags(tag("k0", "changed")));

        assertThat(tagsOf(arn)).hasSize(50).contains(tag("k0", "changed"));
    }

    @Test
    void anUnknownClusterIsClusterNotFound() {
        String arn = "arn:aws:ecs:us-east-1:000000000000:cluster/nowhere";

        assertClusterNotFound(() -> ecs.tagResource(r -> r.resourceArn(arn).tags(tag("a", "b"))));
        assertClusterNotFound(() -> ecs.untagResource(r -> r.resourceArn(arn).tagKeys("a")));
        assertClusterNotFound(() -> ecs.listTagsForResource(r -> r.resourceArn(arn)));
    }

    @Test
    void aDeletedClusterCannotBeTagged() {
        String arn = ecs.createCluster(r -> r.clusterName("gone")).cluster().clusterArn();
        ecs.deleteCluster(r -> r.cluster("gone"));

        assertClusterNotFound(() -> ecs.tagResource(r -> r.resourceArn(arn).tags(tag("a", "b"))));
    }

    @Test
    void anUnknownTaskDefinitionOrUnsupportedResourceIsResourceNotFound() {
        register("web", List.of());

        assertResourceNotFound(() -> ecs.listTagsForResource(r -> r.resourceArn(
                "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2")));
        assertResourceNotFound(() -> ecs.tagResource(r -> r.resourceArn(
                "arn:aws:ecs:us-east-1:000000000000:task-definition/nothing:1").tags(tag("a", "b"))));
        assertResourceNotFound(() -> ecs.listTagsForResource(r -> r.resourceArn(
                "arn:aws:ecs:us-east-1:000000000000:service/c/web")));
    }

    @Test
    void anArnOfAnotherServiceRegionOrAccountIsRefused() {
        assertInvalidParameter(() -> ecs.listTagsForResource(r -> r.resourceArn(
                "arn:aws:s3:::my-bucket")), "resourceArn");
        assertInvalidParameter(() -> ecs.listTagsForResource(r -> r.resourceArn(
                "arn:aws:ecs:eu-west-1:000000000000:cluster/c")), "resourceArn");
        assertInvalidParameter(() -> ecs.listTagsForResource(r -> r.resourceArn("just-a-name")), "resourceArn");
    }

    private String register(String family, List<Tag> tags) {
        return ecs.registerTaskDefinition(r -> r.family(family)
                .containerDefinitions(c -> c.name("app").image("busybox").memory(128).essential(true))
                .tags(tags)).taskDefinition().taskDefinitionArn();
    }

    private List<Tag> tagsOf(String arn) {
        return ecs.listTagsForResource(r -> r.resourceArn(arn)).tags();
    }

    private static void assertResourceNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ResourceNotFoundException.class);
    }
}
