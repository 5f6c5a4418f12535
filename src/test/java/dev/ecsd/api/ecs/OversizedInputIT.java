package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.server.ServerConfig;
import dev.ecsd.testing.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;

/**
 * Errors about oversized inputs stay small and still say what is wrong: they quote the first 100 characters and the
 * length, never the whole input. The largest body ecsd reads is 4 MiB, so a name of almost 4 MiB reaches the API.
 */
class OversizedInputIT {
    /** The largest name that fits a 4 MiB request with the rest of the JSON around it. */
    private static final int ALMOST_FOUR_MIB = (int) ServerConfig.DEFAULT_MAX_REQUEST_BYTES - 1024;
    private static final int SMALL = 1_000;

    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    @Test
    void aClusterNameOfAlmostFourMibComesBackAsItsFirstHundredCharactersAndItsLength() {
        String name = "n".repeat(ALMOST_FOUR_MIB - 1) + "!";

        assertThatThrownBy(() -> server.ecs().createCluster(r -> r.clusterName(name)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).hasSizeLessThan(SMALL).contains("is not a valid cluster name")
                        .contains("'" + "n".repeat(100) + "…(" + name.length() + " characters)'"));
    }

    @Test
    void aDesiredCountOfIntegerMaxIsRefusedByEcsDefaultQuota() {
        server.ecs().createCluster(r -> r.clusterName("huge-desired"));
        String definition = ServiceRequests.registerFargate(server.ecs(), "huge-desired", "example/web:1");

        assertThatThrownBy(() -> server.ecs().createService(ServiceRequests.fargateService("huge-desired", "web",
                definition, Integer.MAX_VALUE).build()))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Desired count exceeds limit."));
        assertThat(server.ecs().listServices(r -> r.cluster("huge-desired")).serviceArns()).isEmpty();
    }

    @Test
    void aRequestOfMoreThanFourMibIsRefusedBeforeItIsRead() {
        String name = "n".repeat((int) ServerConfig.DEFAULT_MAX_REQUEST_BYTES);

        assertThatThrownBy(() -> server.ecs().createCluster(r -> r.clusterName(name)))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(413);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
                    assertThat(e.awsErrorDetails().errorMessage()).hasSizeLessThan(SMALL)
                            .contains("larger than the 4194304 bytes ecsd accepts");
                });
    }

    @Test
    void aLongClusterArnServiceNameFamilyAndTagStaySmall() {
        String arn = "arn:aws:ecs:us-east-1:000000000000:task/" + "x".repeat(1_000_000);
        assertThatThrownBy(() -> server.ecs().listServices(r -> r.cluster(arn)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).hasSizeLessThan(SMALL).contains("Invalid cluster identifier")
                        .contains("(" + arn.length() + " characters)"));

        server.ecs().createCluster(r -> r.clusterName("oversized"));
        assertThatThrownBy(() -> server.ecs().createService(r -> r.cluster("oversized")
                .serviceName("s".repeat(1_000_000)).taskDefinition("web")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).hasSizeLessThan(SMALL).contains("Service name can have up to 255"));

        assertThatThrownBy(() -> server.ecs().registerTaskDefinition(r -> r.family("f".repeat(1_000_000))
                .containerDefinitions(TaskFixtures.container("app"))))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).hasSizeLessThan(SMALL).contains("Family contains invalid characters"));

        assertThatThrownBy(() -> server.ecs().tagResource(r -> r.resourceArn("r".repeat(1_000_000))
                .tags(Tag.builder().key("k").value("v").build())))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).hasSizeLessThan(SMALL).contains("Invalid resourceArn"));

        assertThatThrownBy(() -> server.ecs().createCluster(r -> r.clusterName("tag-check")
                .tags(Tag.builder().key("k".repeat(1_000_000)).value("v").build())))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).hasSizeLessThan(SMALL).contains("tag key must be 1 to 128 characters"));
        assertThatThrownBy(() -> server.ecs().createCluster(r -> r.clusterName("tag-check")
                .tags(Tag.builder().key("k").value("v".repeat(1_000_000)).build())))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).hasSizeLessThan(SMALL).contains("longer than 256 characters"));
    }

    @Test
    void otherServicesQuoteLongNamesShortlyToo() {
        String group = "g".repeat(1_000_000);
        assertThatThrownBy(() -> server.logs().createLogGroup(r -> r.logGroupName(group)))
                .isInstanceOfSatisfying(CloudWatchLogsException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).hasSizeLessThan(SMALL).contains("(1000000 characters)")
                        .contains("logGroupName"));

        String balancer = "b".repeat(1_000_000);
        assertThatThrownBy(() -> server.elbv2().createTargetGroup(r -> r.name(balancer).protocol("HTTP").port(80)
                .vpcId("vpc-12345678")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).hasSizeLessThan(SMALL).contains("(1000000 characters)"));
    }
}
