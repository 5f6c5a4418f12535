package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLabelsTest {
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/%s/aws4_request, "
            + "SignedHeaders=host, Signature=abc";

    @Test
    void jsonRequestsAreNamedByTheirTarget() {
        RequestLabels labels = RequestLabels.of(request("/", null, Map.of(
                "Authorization", List.of(AUTHORIZATION.formatted("ecs")),
                "X-Amz-Target", List.of("AmazonEC2ContainerServiceV20141113.CreateCluster")), ""));

        assertThat(labels).isEqualTo(new RequestLabels("us-east-1", "ecs", "CreateCluster"));
    }

    @Test
    void cborRequestsAreNamedByTheirPath() {
        RequestLabels labels = RequestLabels.of(request(
                "/service/GraniteServiceVersion20100801/operation/PutMetricData", null,
                Map.of("Authorization", List.of(AUTHORIZATION.formatted("monitoring"))), ""));

        assertThat(labels).isEqualTo(new RequestLabels("us-east-1", "monitoring", "PutMetricData"));
    }

    @Test
    void queryRequestsAreNamedByTheirAction() {
        Map<String, List<String>> headers = Map.of("Authorization",
                List.of(AUTHORIZATION.formatted("elasticloadbalancing")));

        assertThat(RequestLabels.of(request("/", null, headers, "Action=DescribeLoadBalancers&Version=2015-12-01")))
                .isEqualTo(new RequestLabels("us-east-1", "elasticloadbalancing", "DescribeLoadBalancers"));
        assertThat(RequestLabels.of(request("/", "Version=1&Action=GetCallerIdentity", headers, "")).operation())
                .isEqualTo("GetCallerIdentity");
    }

    @Test
    void unsignedOrStrangeNamesAreUnknown() {
        RequestLabels labels = RequestLabels.of(request("/", null, Map.of(
                "X-Amz-Target", List.of("Prefix.Drop table;--")), ""));

        assertThat(labels).isEqualTo(
                new RequestLabels(RequestLabels.UNKNOWN, RequestLabels.UNKNOWN, RequestLabels.UNKNOWN));
        assertThat(RequestLabels.plain("A".repeat(65))).isEqualTo(RequestLabels.UNKNOWN);
        assertThat(RequestLabels.plain("")).isEqualTo(RequestLabels.UNKNOWN);
    }

    private static SigV4Verifier.HttpRequestParts request(String path, String query, Map<String, List<String>> headers,
            String body) {
        return new SigV4Verifier.HttpRequestParts("POST", path, query, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
