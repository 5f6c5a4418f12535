package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the region a request is signed for, before anything is verified, to pick the region's dispatcher. */
class RegionRouterTest {
    private static final String SIGNATURE = "SignedHeaders=host;x-amz-date, Signature=0123abcd";

    @Test
    void theRegionIsTheThirdElementOfTheCredentialScope() {
        assertThat(RegionRouter.scopeRegion(request(List.of("AWS4-HMAC-SHA256 Credential=test/20261205/eu-west-1/ecs/"
                + "aws4_request, " + SIGNATURE)))).contains("eu-west-1");
        // the CLI writes no spaces after the commas
        assertThat(RegionRouter.scopeRegion(request(List.of("AWS4-HMAC-SHA256 Credential=test/20261205/us-west-2/"
                + "logs/aws4_request,SignedHeaders=host,Signature=00")))).contains("us-west-2");
        assertThat(RegionRouter.scopeRegion(request(List.of("AWS4-HMAC-SHA256 SignedHeaders=host, Credential="
                + "ASIAEXAMPLE/20261205/xx-fake-1/ecs/aws4_request, Signature=00")))).contains("xx-fake-1");
    }

    @Test
    void aRequestWithoutOneReadableScopeHasNoRegion() {
        assertThat(RegionRouter.scopeRegion(request(List.of()))).isEmpty();
        assertThat(RegionRouter.scopeRegion(request(List.of("AWS4-HMAC-SHA256 " + SIGNATURE)))).isEmpty();
        assertThat(RegionRouter.scopeRegion(request(List.of("AWS4-HMAC-SHA256 Credential=test/20261205/ecs/"
                + "aws4_request, " + SIGNATURE)))).isEmpty();
        assertThat(RegionRouter.scopeRegion(request(List.of("AWS4-HMAC-SHA256 Credential=test/20261205//ecs/"
                + "aws4_request, " + SIGNATURE)))).isEmpty();
        // two headers: the verifier refuses the request; routing must not pick either
        assertThat(RegionRouter.scopeRegion(request(List.of(
                "AWS4-HMAC-SHA256 Credential=test/20261205/eu-west-1/ecs/aws4_request, " + SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=test/20261205/us-west-2/ecs/aws4_request, " + SIGNATURE)))).isEmpty();
    }

    @Test
    void eachRequestGoesToTheDispatcherOfItsRegionAndAnUnservedRegionToTheDefaultOne() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T00:15:00Z"), ZoneOffset.UTC);
        AwsDispatcher virginia = new AwsDispatcher(new SigV4Verifier(Map.of("test", "test"), "us-east-1", clock),
                List.of());
        AwsDispatcher ireland = new AwsDispatcher(new SigV4Verifier(Map.of("test", "test"), "eu-west-1", clock),
                List.of());
        RegionRouter router = new RegionRouter(virginia,
                (region, request) -> "eu-west-1".equals(region) ? Optional.of(ireland) : Optional.empty());

        // ireland's verifier accepts the region and goes on to the (wrong) signature
        assertThat(body(router.handle(signedFor("eu-west-1"))))
                .contains("The request signature we calculated does not match");
        assertThat(body(router.handle(signedFor("xx-fake-1"))))
                .contains("Credential should be scoped to a valid region, not 'xx-fake-1'. ");
    }

    private static String body(Reply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    private static SigV4Verifier.HttpRequestParts signedFor(String region) {
        SigV4Verifier.HttpRequestParts request = request(List.of("AWS4-HMAC-SHA256 Credential=test/20261205/" + region
                + "/ecs/aws4_request, " + SIGNATURE));
        request.headers().put("Host", List.of("127.0.0.1:4566"));
        return request;
    }

    private static SigV4Verifier.HttpRequestParts request(List<String> authorizations) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (!authorizations.isEmpty()) {
            headers.put("Authorization", authorizations);
        }
        headers.put("X-Amz-Date", List.of("20261205T001500Z"));
        return new SigV4Verifier.HttpRequestParts("POST", "/", null, headers, new byte[0]);
    }
}
