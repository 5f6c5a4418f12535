package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.server.ServerConfig;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The AWS Query protocol over HTTP, with the real ELBv2 SDK client and the AWS CLI, against a dispatcher that
 * serves a few echo operations of ELBv2 (which ecsd does not implement yet) next to an ECS JSON operation.
 */
class QueryProtocolIT {
    static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    static final String TARGET_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef";
    static final String MISSING_TARGET_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/missing/0123456789abcdef";
    static final Instant CREATED = Instant.parse("2026-12-04T17:00:00.123Z");
    static final String TRICKY_TEXT = "a<b & \"c\" ]]> é 😀";

    private static HttpFrontend http;
    private static URI endpoint;
    private static final List<RegisterTargetsRequest> registered = new CopyOnWriteArrayList<>();
    private static ElasticLoadBalancingV2Client elb;
    private static EcsClient ecs;

    @BeforeAll
    static void start() throws Exception {
        SigV4Verifier verifier = new SigV4Verifier(Map.of(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY),
                TestServer.REGION, InstantSource.system());
        QueryService echo = QueryService.builder("elasticloadbalancing", "2015-12-01", NAMESPACE,
                        ElasticLoadBalancingV2Client.class)
                .add(JsonOperation.of("DescribeTargetHealth", DescribeTargetHealthRequest::builder,
                        QueryProtocolIT::describeTargetHealth, "TargetGroupArn"))
                .add(JsonOperation.of("RegisterTargets", RegisterTargetsRequest::builder, request -> {
                    registered.add(request);
                    return RegisterTargetsResponse.builder().build();
                }, "TargetGroupArn", "Targets"))
                .add(JsonOperation.of("DescribeTags", DescribeTagsRequest::builder, QueryProtocolIT::describeTags,
                        "ResourceArns"))
                .add(JsonOperation.of("DescribeLoadBalancers", DescribeLoadBalancersRequest::builder,
                        QueryProtocolIT::describeLoadBalancers))
                .build();
        JsonService clusters = JsonService.builder("AmazonEC2ContainerServiceV20141113", "ecs", EcsClient.class)
                .add(JsonOperation.of("ListClusters", ListClustersRequest::builder, request ->
                        ListClustersResponse.builder().clusterArns("arn:aws:ecs:us-east-1:000000000000:cluster/echo")
                                .build()))
                .build();
        http = new HttpFrontend("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, List.of(),
                new AwsDispatcher(verifier, List.of(clusters), List.of(echo)));
        http.start();
        endpoint = URI.create("http://127.0.0.1:" + http.port());
        elb = elb(TestServer.SECRET_ACCESS_KEY);
        ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        elb.close();
        ecs.close();
        http.close();
    }

    @BeforeEach
    void forgetRegistrations() {
        registered.clear();
    }

    @AfterEach
    void bothProtocolsStillServe() {
        assertThat(elb.describeTags(r -> r.resourceArns(TARGET_GROUP)).tagDescriptions()).hasSize(1);
        assertThat(ecs.listClusters().clusterArns()).hasSize(1);
    }

    @Test
    void theSdkClientReadsTheTargetHealthOfTheTargetsItSent() {
        DescribeTargetHealthResponse response = elb.describeTargetHealth(r -> r.targetGroupArn(TARGET_GROUP)
                .targets(TargetDescription.builder().id("10.0.0.1").port(80).build(),
                        TargetDescription.builder().id("10.0.0.2").port(8080).build()));

        assertThat(response.targetHealthDescriptions()).extracting(d -> d.target().id() + ":" + d.target().port())
                .containsExactly("10.0.0.1:80", "10.0.0.2:8080");
        assertThat(response.targetHealthDescriptions()).extracting(d -> d.targetHealth().state())
                .containsOnly(TargetHealthStateEnum.HEALTHY);
        assertThat(response.responseMetadata().requestId()).isNotBlank();
        assertThat(response.sdkHttpResponse().firstMatchingHeader("Content-Type")).hasValue("text/xml");
    }

    @Test
    void whatTheSdkRegistersArrivesAsItWasSentIncludingAnEmptyList() {
        RegisterTargetsRequest request = RegisterTargetsRequest.builder().targetGroupArn(TARGET_GROUP)
                .targets(TargetDescription.builder().id("10.0.0.1").port(80).availabilityZone("all").build()).build();

        elb.registerTargets(request);
        elb.registerTargets(r -> r.targetGroupArn(TARGET_GROUP).targets(List.of()));

        assertThat(registered).hasSize(2);
        assertThat(registered.get(0).equalsBySdkFields(request)).isTrue();
        assertThat(registered.get(1).hasTargets()).isTrue();
        assertThat(registered.get(1).targets()).isEmpty();
    }

    @Test
    void timestampsEnumsAndEscapedTextReachTheSdkIntact() {
        LoadBalancer balancer = elb.describeLoadBalancers().loadBalancers().getFirst();
        Tag tag = elb.describeTags(r -> r.resourceArns(TARGET_GROUP)).tagDescriptions().getFirst().tags().getFirst();

        assertThat(balancer.createdTime()).isEqualTo(CREATED);
        assertThat(balancer.state().code()).isEqualTo(LoadBalancerStateEnum.ACTIVE);
        assertThat(tag.value()).isEqualTo(TRICKY_TEXT);
    }

    @Test
    void anErrorResponseBecomesTheTypedSdkException() {
        assertThatThrownBy(() -> elb.describeTargetHealth(r -> r.targetGroupArn(MISSING_TARGET_GROUP)))
                .isInstanceOfSatisfying(TargetGroupNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TargetGroupNotFound");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("One or more target groups not found");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void missingRequiredMembersAreValidationErrorsInAwsWords() {
        assertThatThrownBy(() -> elb.registerTargets(r -> r.targetGroupArn(TARGET_GROUP)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null "
                            + "at 'targets' failed to satisfy constraint: Member must not be null");
                });
        assertThatThrownBy(() -> elb.registerTargets(RegisterTargetsRequest.builder().build()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("2 validation errors detected: Value null at 'targetGroupArn' failed")
                        .contains("; Value null at 'targets' failed"));
    }

    @Test
    void anOperationOfTheApiThatIsNotImplementedAnswersTheUniformNotImplementedError() {
        assertThatThrownBy(() -> elb.deleteRule(r -> r.ruleArn("arn:aws:elasticloadbalancing:rule")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplementedException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("DeleteRule");
                });
    }

    @Test
    void aWrongSecretIsAnInvalidSignatureExceptionInXml() {
        try (ElasticLoadBalancingV2Client wrong = elb("wrong-secret")) {
            assertThatThrownBy(wrong::describeLoadBalancers).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated");
            });
        }
    }

    @Test
    void aRequestSignedForElasticLoadBalancingIsRefusedByTheEcsJsonTarget() {
        HttpResponse<String> response = signed("elasticloadbalancing").ecs("ListClusters", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"InvalidSignatureException\"").contains("'ecs'");
    }

    @Test
    void aQueryRequestSignedForEcsIsRefusedInXml() {
        HttpResponse<String> response = QueryRequests.post(signed("ecs"),
                "Action=DescribeTags&Version=2015-12-01&ResourceArns.member.1=" + TARGET_GROUP);

        QueryRequests.assertError(response, 400, "InvalidSignatureException", "scoped to 'ecs'");
        assertThat(response.body()).startsWith("<ErrorResponse><Error><Type>Sender</Type>");
    }

    @Test
    void wireLevelMistakesAreQueryErrorsNamingTheMistake() {
        SignedRequests requests = signed("elasticloadbalancing");

        QueryRequests.assertError(QueryRequests.post(requests, "Action=MakeCoffee&Version=2015-12-01"), 400,
                "InvalidAction", "The action MakeCoffee is not valid for this web service.");
        QueryRequests.assertError(QueryRequests.post(requests, "Version=2015-12-01"), 400, "MissingAction", "Action");
        QueryRequests.assertError(QueryRequests.post(requests, "Action=DescribeTags&Version=2012-06-01"), 400,
                "NoSuchVersion", "(2012-06-01)");
        QueryRequests.assertError(QueryRequests.post(requests, "Action=DescribeTags&ResourceArns.member.1=%zz"), 400,
                "MalformedQueryString", "'%zz'");
        QueryRequests.assertError(QueryRequests.post(requests, "Action=RegisterTargets&TargetGroupArn=a"
                + "&Targets.member.1.Id=i-1&Targets.member.1.Port=eighty"), 400, "ValidationError",
                "'Targets.member.1.Port'");
        assertThat(QueryRequests.post(requests, "Action=MakeCoffee").body())
                .startsWith("<ErrorResponse xmlns=\"" + NAMESPACE + "\">");
    }

    @Test
    void aSignedGetWithTheActionInTheQueryStringIsAnswered() {
        HttpResponse<String> response = QueryRequests.signedGet(endpoint,
                Map.of("Action", "DescribeTags", "Version", "2015-12-01", "ResourceArns.member.1", TARGET_GROUP));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).startsWith("<DescribeTagsResponse xmlns=\"" + NAMESPACE + "\"><DescribeTagsResult>")
                .contains("<ResourceArn>" + TARGET_GROUP + "</ResourceArn>")
                .contains("<ResponseMetadata><RequestId>" + response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void anUnsignedOrOversizedQueryRequestIsRefusedInXml() {
        HttpResponse<String> unsigned = signed("elasticloadbalancing").sendRaw("POST", "/",
                Map.of("content-type", QueryRequests.FORM), "Action=DescribeTags".getBytes(StandardCharsets.UTF_8));
        byte[] huge = ("Action=DescribeTags&Tag=" + "x".repeat((int) ServerConfig.DEFAULT_MAX_REQUEST_BYTES))
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> oversized = signed("elasticloadbalancing").sendSigned("POST", "/",
                Map.of("content-type", QueryRequests.FORM), huge, Instant.now());

        QueryRequests.assertError(unsigned, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        QueryRequests.assertError(oversized, 413, "RequestEntityTooLargeException", "4194304");
    }

    @Test
    void theAwsCliReadsResponsesAndPrintsErrorCodes() {
        AwsCli cli = new AwsCli(endpoint);

        AwsCli.Result health = cli.run("elbv2", "describe-target-health", "--target-group-arn", TARGET_GROUP,
                "--targets", "Id=10.0.0.1,Port=80", "Id=10.0.0.2,Port=8080");
        AwsCli.Result balancers = cli.run("elbv2", "describe-load-balancers");
        AwsCli.Result register = cli.run("elbv2", "register-targets", "--target-group-arn", TARGET_GROUP,
                "--targets", "Id=10.0.0.3,Port=9090");
        AwsCli.Result missing = cli.run("elbv2", "describe-target-health", "--target-group-arn", MISSING_TARGET_GROUP);

        assertThat(health.exitCode()).as(health.output()).isZero();
        assertThat(health.json().at("/TargetHealthDescriptions/1/Target/Port").asInt()).isEqualTo(8080);
        assertThat(health.json().at("/TargetHealthDescriptions/0/TargetHealth/State").asText()).isEqualTo("healthy");
        assertThat(balancers.json().at("/LoadBalancers/0/CreatedTime").asText()).startsWith("2026-12-04T17:00:00.123");
        assertThat(register.exitCode()).as(register.output()).isZero();
        assertThat(registered).singleElement().satisfies(request ->
                assertThat(request.targets().getFirst().port()).isEqualTo(9090));
        assertThat(missing.exitCode()).isEqualTo(254);
        assertThat(missing.output()).contains("An error occurred (TargetGroupNotFound) when calling the "
                + "DescribeTargetHealth operation: One or more target groups not found");
    }

    private static DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest request) {
        if (request.targetGroupArn().contains("/missing/")) {
            throw new ApiException(ErrorType.TARGET_GROUP_NOT_FOUND, "One or more target groups not found");
        }
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(request.targets().stream()
                .map(target -> TargetHealthDescription.builder().target(target)
                        .targetHealth(TargetHealth.builder().state(TargetHealthStateEnum.HEALTHY).build()).build())
                .toList()).build();
    }

    private static DescribeTagsResponse describeTags(DescribeTagsRequest request) {
        return DescribeTagsResponse.builder().tagDescriptions(request.resourceArns().stream()
                .map(arn -> TagDescription.builder().resourceArn(arn)
                        .tags(Tag.builder().key("text").value(TRICKY_TEXT).build()).build())
                .toList()).build();
    }

    private static DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest request) {
        return DescribeLoadBalancersResponse.builder().loadBalancers(LoadBalancer.builder().loadBalancerName("web")
                .createdTime(CREATED).state(LoadBalancerState.builder().code(LoadBalancerStateEnum.ACTIVE).build())
                .build()).build();
    }

    private static SignedRequests signed(String service) {
        return new SignedRequests(endpoint).scope(TestServer.REGION, service);
    }

    private static ElasticLoadBalancingV2Client elb(String secretAccessKey) {
        return ElasticLoadBalancingV2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestServer.ACCESS_KEY_ID, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }
}
