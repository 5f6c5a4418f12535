package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.model.CreatedAt;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateCognitoActionConditionalBehaviorEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateCognitoActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Requests as the SDK's own Query marshaller sends them and responses as its own XML unmarshaller reads them,
 * through an SDK client whose HTTP client answers in this JVM.
 */
class AwsQueryCodecTest {
    private static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final String TARGET_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef";
    private static final String LISTENER =
            "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/web/0123456789abcdef/fedcba9876543210";

    private byte[] answer;
    private final InProcessHttpClient http =
            new InProcessHttpClient(request -> new Reply(200, QueryDispatcher.CONTENT_TYPE, Map.of(), answer));
    private final ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder()
            .endpointOverride(URI.create("http://ecsd.test"))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .httpClient(http)
            .build();

    @AfterEach
    void closeClient() {
        elb.close();
    }

    @Test
    void createRuleWithConditionsActionsForwardConfigAndAMapSurvivesTheSdkMarshaller() {
        CreateRuleRequest request = CreateRuleRequest.builder()
                .listenerArn(LISTENER)
                .priority(10)
                .conditions(RuleCondition.builder().field("path-pattern")
                                .pathPatternConfig(PathPatternConditionConfig.builder().values("/api/*", "/v2/*").build())
                                .build(),
                        RuleCondition.builder().field("host-header").values("example.com").build())
                .actions(Action.builder().type(ActionTypeEnum.AUTHENTICATE_COGNITO).order(1)
                                .authenticateCognitoConfig(AuthenticateCognitoActionConfig.builder()
                                        .userPoolArn("arn:aws:cognito-idp:us-east-1:000000000000:userpool/pool")
                                        .userPoolClientId("client").userPoolDomain("domain")
                                        .authenticationRequestExtraParams(Map.of("display", "page", "prompt", "login"))
                                        .onUnauthenticatedRequest(AuthenticateCognitoActionConditionalBehaviorEnum.DENY)
                                        .build())
                                .build(),
                        Action.builder().type(ActionTypeEnum.FORWARD).order(2)
                                .forwardConfig(ForwardActionConfig.builder()
                                        .targetGroups(TargetGroupTuple.builder().targetGroupArn(TARGET_GROUP).weight(80).build(),
                                                TargetGroupTuple.builder().targetGroupArn(TARGET_GROUP + "2").weight(20).build())
                                        .targetGroupStickinessConfig(TargetGroupStickinessConfig.builder()
                                                .enabled(true).durationSeconds(300).build())
                                        .build())
                                .build())
                .tags(Tag.builder().key("team").value("web").build())
                .build();

        Map<String, List<String>> sent = parametersSentBy(client -> client.createRule(request));
        CreateRuleRequest back = AwsQueryCodec.read(sent, CreateRuleRequest::builder);

        assertThat(back.equalsBySdkFields(request)).as("%s%nvs%n%s", back, request).isTrue();
        assertThat(sent).containsEntry("Action", List.of("CreateRule")).containsEntry("Version", List.of("2015-12-01"))
                .containsEntry("Actions.member.2.ForwardConfig.TargetGroups.member.2.Weight", List.of("20"))
                .containsEntry("Actions.member.2.ForwardConfig.TargetGroupStickinessConfig.Enabled", List.of("true"))
                .containsEntry("Conditions.member.1.PathPatternConfig.Values.member.2", List.of("/v2/*"))
                .containsKey("Actions.member.1.AuthenticateCognitoConfig.AuthenticationRequestExtraParams.entry.2.value");
        assertThat(back.actions().get(1).type()).isEqualTo(ActionTypeEnum.FORWARD);
    }

    @Test
    void registerTargetsAndTargetGroupAttributesSurviveTheSdkMarshaller() {
        RegisterTargetsRequest targets = RegisterTargetsRequest.builder().targetGroupArn(TARGET_GROUP)
                .targets(TargetDescription.builder().id("10.0.0.1").port(8080).availabilityZone("all").build(),
                        TargetDescription.builder().id("i-0123456789abcdef0").build())
                .build();
        ModifyTargetGroupAttributesRequest attributes = ModifyTargetGroupAttributesRequest.builder()
                .targetGroupArn(TARGET_GROUP)
                .attributes(TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("5").build(),
                        TargetGroupAttribute.builder().key("stickiness.enabled").value("false").build())
                .build();

        Map<String, List<String>> sentTargets = parametersSentBy(client -> client.registerTargets(targets));
        Map<String, List<String>> sentAttributes = parametersSentBy(client -> client.modifyTargetGroupAttributes(attributes));

        assertThat(AwsQueryCodec.read(sentTargets, RegisterTargetsRequest::builder).equalsBySdkFields(targets)).isTrue();
        assertThat(sentTargets).containsEntry("Targets.member.1.Port", List.of("8080"));
        assertThat(AwsQueryCodec.read(sentAttributes, ModifyTargetGroupAttributesRequest::builder)
                .equalsBySdkFields(attributes)).isTrue();
        assertThat(sentAttributes).containsEntry("Attributes.member.2.Key", List.of("stickiness.enabled"));
    }

    @Test
    void anEmptyListIsSentAsABareParameterAndReadAsAnEmptyList() {
        RegisterTargetsRequest request = RegisterTargetsRequest.builder().targetGroupArn(TARGET_GROUP)
                .targets(List.of()).build();

        Map<String, List<String>> sent = parametersSentBy(client -> client.registerTargets(request));
        RegisterTargetsRequest back = AwsQueryCodec.read(sent, RegisterTargetsRequest::builder);

        assertThat(sent).containsEntry("Targets", List.of(""));
        assertThat(back.targets()).isEmpty();
        assertThat(back.targets()).isNotInstanceOf(SdkAutoConstructList.class);
        assertThat(AwsQueryCodec.read(Map.of(), RegisterTargetsRequest::builder).targets())
                .isInstanceOf(SdkAutoConstructList.class);
    }

    @Test
    void listElementsAreOrderedByTheirIndexWhateverTheOrderAndGapsOfTheRequest() {
        RegisterTargetsRequest back = AwsQueryCodec.read(parameters(
                "Targets.member.10.Id", "j", "Targets.member.3.Id", "c", "Targets.member.1.Id", "a",
                "Targets.member.3.Port", "8080", "Action", "RegisterTargets", "Version", "2015-12-01",
                "SomethingElse.member.1", "ignored"), RegisterTargetsRequest::builder);

        assertThat(back.targets()).extracting(TargetDescription::id).containsExactly("a", "c", "j");
        assertThat(back.targets().get(1).port()).isEqualTo(8080);
    }

    @Test
    void listIndicesAreWholeNumbersFromOne() {
        assertValidationError(() -> readTargets("Targets.member.0.Id", "a"), "'Targets.member.0.Id'", "index '0'");
        assertValidationError(() -> readTargets("Targets.member.01.Id", "a"), "'Targets.member.01.Id'");
        assertValidationError(() -> readTargets("Targets.member.first.Id", "a"), "index 'first'");
        assertValidationError(() -> readTargets("Targets.member.99999999999.Id", "a"), "index '99999999999'");
        assertValidationError(() -> readTargets("Targets", "i-1"), "'Targets' is a list", "Targets.member.1");
    }

    @Test
    void enumsAreKeptAsStringsEvenWhenTheModelDoesNotKnowThem() {
        CreateRuleRequest back = AwsQueryCodec.read(parameters("Actions.member.1.Type", "forward",
                "Actions.member.2.Type", "teleport"), CreateRuleRequest::builder);

        assertThat(back.actions().get(0).type()).isEqualTo(ActionTypeEnum.FORWARD);
        assertThat(back.actions().get(1).typeAsString()).isEqualTo("teleport");
        assertThat(back.actions().get(1).type()).isEqualTo(ActionTypeEnum.UNKNOWN_TO_SDK_VERSION);
    }

    @Test
    void booleansAreTrueOrFalseAndNothingElse() {
        assertThat(AwsQueryCodec.read(parameters("HealthCheckEnabled", "true"), ModifyTargetGroupRequest::builder)
                .healthCheckEnabled()).isTrue();
        assertThat(AwsQueryCodec.read(parameters("HealthCheckEnabled", "false"), ModifyTargetGroupRequest::builder)
                .healthCheckEnabled()).isFalse();
        for (String notABoolean : List.of("yes", "TRUE", "1", "")) {
            assertValidationError(() -> AwsQueryCodec.read(parameters("HealthCheckEnabled", notABoolean),
                    ModifyTargetGroupRequest::builder), "'HealthCheckEnabled' must be true or false");
        }
    }

    @Test
    void numbersAreDecimalAndWithinTheirType() {
        Resource resource = AwsQueryCodec.read(parameters("doubleValue", "0.25", "longValue", "9007199254740993",
                "integerValue", "+80"), Resource::builder);

        assertThat(resource.doubleValue()).isEqualTo(0.25);
        assertThat(resource.longValue()).isEqualTo(9007199254740993L);
        assertThat(resource.integerValue()).isEqualTo(80);
        assertValidationError(() -> AwsQueryCodec.read(parameters("Priority", "ten"), CreateRuleRequest::builder),
                "Parameter 'Priority' must be an integer, not 'ten'.");
        assertValidationError(() -> readTargets("Targets.member.2.Port", "99999999999"), "'Targets.member.2.Port'",
                "from -2147483648 to 2147483647");
        assertValidationError(() -> readTargets("Targets.member.1.Port", "1e3"), "'Targets.member.1.Port'");
        assertValidationError(() -> readTargets("Targets.member.1.Port", "٨٠"), "'Targets.member.1.Port'");
        for (String notADecimal : List.of("0x1p3", "1.5d", "1e99999", "", "1,5")) {
            assertValidationError(() -> AwsQueryCodec.read(parameters("doubleValue", notADecimal), Resource::builder),
                    "'doubleValue'");
        }
    }

    @Test
    void timestampsAreIso8601OrEpochSeconds() {
        CreatedAt created = AwsQueryCodec.read(parameters("after", "2026-12-04T17:00:00.123Z",
                "before", "1796403600.5"), CreatedAt::builder);
        CreatedAt withOffset = AwsQueryCodec.read(parameters("after", "2026-12-04T18:00:00+01:00"), CreatedAt::builder);

        assertThat(created.after()).isEqualTo(Instant.parse("2026-12-04T17:00:00.123Z"));
        assertThat(created.before()).isEqualTo(Instant.ofEpochSecond(1796403600L, 500_000_000L));
        assertThat(withOffset.after()).isEqualTo(Instant.parse("2026-12-04T17:00:00Z"));
        for (String notATimestamp : List.of("yesterday", "2026-12-04T17:00:00", "2026-13-04T17:00:00Z", "1e9")) {
            assertValidationError(() -> AwsQueryCodec.read(parameters("after", notATimestamp), CreatedAt::builder),
                    "'after' must be a timestamp");
        }
    }

    @Test
    void aScalarSentTwiceIsRefused() {
        Map<String, List<String>> twice = Map.of("TargetGroupArn", List.of(TARGET_GROUP, TARGET_GROUP + "2"));

        assertValidationError(() -> AwsQueryCodec.read(twice, RegisterTargetsRequest::builder),
                "'TargetGroupArn' was sent 2 times");
    }

    @Test
    void mapEntriesNeedAKeyAndAValue() {
        String prefix = "Actions.member.1.AuthenticateCognitoConfig.AuthenticationRequestExtraParams.entry.";

        assertValidationError(() -> AwsQueryCodec.read(parameters(prefix + "1.value", "page"),
                CreateRuleRequest::builder), "without a key", prefix + "1.key");
        assertValidationError(() -> AwsQueryCodec.read(parameters(prefix + "1.key", "display"),
                CreateRuleRequest::builder), "without a value", prefix + "1.value");
    }

    @Test
    void flattenedListsAndMapsHaveNoMemberOrEntryLevel() {
        FlattenedShape back = AwsQueryCodec.read(parameters("Item.2", "b", "Item.1", "a",
                "Attribute.1.Name", "color", "Attribute.1.Value", "blue"), FlattenedShape::builder);

        assertThat(back.items()).containsExactly("a", "b");
        assertThat(back.attributes()).containsExactlyEntriesOf(Map.of("color", "blue"));
        assertThat(AwsQueryCodec.write(back)).isEqualTo("<Item>a</Item><Item>b</Item>"
                + "<Attribute><Name>color</Name><Value>blue</Value></Attribute>");
    }

    @Test
    void writesMembersByTheirXmlNamesWithListsAsMembers() {
        String xml = AwsQueryCodec.write(RegisterTargetsRequest.builder().targetGroupArn(TARGET_GROUP)
                .targets(TargetDescription.builder().id("i-1").port(80).build()).build());

        assertThat(xml).isEqualTo("<TargetGroupArn>" + TARGET_GROUP + "</TargetGroupArn>"
                + "<Targets><member><Id>i-1</Id><Port>80</Port></member></Targets>");
    }

    @Test
    void targetHealthWithNestedStructuresAndEnumsIsReadBackByTheSdk() {
        DescribeTargetHealthResponse response = DescribeTargetHealthResponse.builder().targetHealthDescriptions(
                TargetHealthDescription.builder()
                        .target(TargetDescription.builder().id("10.0.0.1").port(8080).build())
                        .healthCheckPort("8080")
                        .targetHealth(TargetHealth.builder().state(TargetHealthStateEnum.HEALTHY).build())
                        .build(),
                TargetHealthDescription.builder()
                        .target(TargetDescription.builder().id("10.0.0.2").port(8080).build())
                        .targetHealth(TargetHealth.builder().state(TargetHealthStateEnum.UNHEALTHY)
                                .reason(TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH)
                                .description("Health checks failed with these codes: [502]").build())
                        .build())
                .build();

        DescribeTargetHealthResponse back = readBySdk("DescribeTargetHealth", response,
                client -> client.describeTargetHealth(r -> r.targetGroupArn(TARGET_GROUP)));

        assertThat(back.equalsBySdkFields(response)).as("%s%nvs%n%s", back, response).isTrue();
        assertThat(back.targetHealthDescriptions().get(1).targetHealth().reason())
                .isEqualTo(TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH);
        assertThat(back.responseMetadata().requestId()).isEqualTo("request-2");
    }

    @Test
    void rulesWithBooleansAndForwardConfigsAreReadBackByTheSdk() {
        DescribeRulesResponse response = DescribeRulesResponse.builder().rules(
                Rule.builder().ruleArn(LISTENER + "/rule/1").priority("default").isDefault(true)
                        .actions(Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
                                .fixedResponseConfig(FixedResponseActionConfig.builder().statusCode("404")
                                        .contentType("text/plain").messageBody("not here").build())
                                .build())
                        .conditions(List.of())
                        .build(),
                Rule.builder().ruleArn(LISTENER + "/rule/2").priority("10").isDefault(false)
                        .conditions(RuleCondition.builder().field("path-pattern").values("/api/*").build())
                        .actions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(TARGET_GROUP)
                                .forwardConfig(ForwardActionConfig.builder().targetGroups(
                                        TargetGroupTuple.builder().targetGroupArn(TARGET_GROUP).weight(1).build()).build())
                                .build())
                        .build())
                .build();

        DescribeRulesResponse back = readBySdk("DescribeRules", response,
                client -> client.describeRules(r -> r.listenerArn(LISTENER)));

        assertThat(back.equalsBySdkFields(response)).as("%s%nvs%n%s", back, response).isTrue();
        assertThat(back.rules().get(0).isDefault()).isTrue();
        assertThat(back.rules().get(0).hasConditions()).as("an empty list stays a list").isTrue();
    }

    @Test
    void timestampsAreWrittenInUtcWithMilliseconds() {
        LoadBalancer balancer = LoadBalancer.builder().loadBalancerName("web")
                .createdTime(Instant.parse("2026-12-04T17:00:00.123456789Z"))
                .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                .state(LoadBalancerState.builder().code(LoadBalancerStateEnum.ACTIVE).build())
                .availabilityZones(AvailabilityZone.builder().zoneName("us-east-1a").subnetId("subnet-1").build())
                .build();
        DescribeLoadBalancersResponse response = DescribeLoadBalancersResponse.builder().loadBalancers(balancer).build();

        DescribeLoadBalancersResponse back = readBySdk("DescribeLoadBalancers", response,
                client -> client.describeLoadBalancers());

        assertThat(AwsQueryCodec.write(response)).contains("<CreatedTime>2026-12-04T17:00:00.123Z</CreatedTime>");
        assertThat(back.loadBalancers().getFirst().createdTime()).isEqualTo(Instant.parse("2026-12-04T17:00:00.123Z"));
        assertThat(back.loadBalancers().getFirst().state().code()).isEqualTo(LoadBalancerStateEnum.ACTIVE);
    }

    @Test
    void textIsEscapedAndSurvivesAnXmlParserUnchanged() {
        String tricky = "a<b & \"c\" 'd' ]]> tab\tcr\r\nlf é 😀";
        DescribeTagsResponse response = DescribeTagsResponse.builder().tagDescriptions(TagDescription.builder()
                .resourceArn(TARGET_GROUP)
                .tags(Tag.builder().key("tricky").value(tricky).build(),
                        Tag.builder().key("control").value("bell\u0007 nul\u0000").build())
                .build()).build();

        DescribeTagsResponse back = readBySdk("DescribeTags", response,
                client -> client.describeTags(r -> r.resourceArns(TARGET_GROUP)));

        assertThat(AwsQueryCodec.write(response)).contains("a&lt;b &amp; ").contains("&#13;");
        assertThat(back.tagDescriptions().getFirst().tags().get(0).value()).isEqualTo(tricky);
        assertThat(back.tagDescriptions().getFirst().tags().get(1).value()).isEqualTo("bell\uFFFD nul\uFFFD");
    }

    @Test
    void unsetMembersAreLeftOutAndAnExplicitlyEmptyListIsWritten() {
        String unset = AwsQueryCodec.write(DescribeTargetHealthResponse.builder().build());
        String empty = AwsQueryCodec.write(DescribeTargetHealthResponse.builder()
                .targetHealthDescriptions(List.of()).build());

        assertThat(unset).isEmpty();
        assertThat(empty).isEqualTo("<TargetHealthDescriptions></TargetHealthDescriptions>");
        assertThat(readBySdk("DescribeTargetHealth", DescribeTargetHealthResponse.builder().targetHealthDescriptions(
                List.of()).build(), client -> client.describeTargetHealth(r -> r.targetGroupArn(TARGET_GROUP)))
                .hasTargetHealthDescriptions()).isTrue();
    }

    /** The parameters the SDK client sends for a call, parsed as the server parses them. */
    private Map<String, List<String>> parametersSentBy(Consumer<ElasticLoadBalancingV2Client> call) {
        answer = QueryDispatcher.responseDocument("Any", NAMESPACE, RegisterTargetsResponse.builder().build(), "request-1");
        call.accept(elb);
        SigV4Verifier.HttpRequestParts sent = http.requests().getLast();
        assertThat(sent.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        return FormEncoding.parse(sent.body(), "The request body");
    }

    /** The response as the SDK client reads it from the document ecsd writes for it. */
    private <R extends SdkPojo> R readBySdk(String operation, SdkPojo response,
            Function<ElasticLoadBalancingV2Client, R> call) {
        answer = QueryDispatcher.responseDocument(operation, NAMESPACE, response, "request-2");
        return call.apply(elb);
    }

    private static RegisterTargetsRequest readTargets(String... namesAndValues) {
        return AwsQueryCodec.read(parameters(namesAndValues), RegisterTargetsRequest::builder);
    }

    private static Map<String, List<String>> parameters(String... namesAndValues) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return parameters;
    }

    private static void assertValidationError(ThrowingCallable call, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            assertThat(e.getMessage()).contains(messageParts);
        });
    }
}
