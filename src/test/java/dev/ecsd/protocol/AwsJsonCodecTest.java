package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.utils.builder.SdkBuilder;

class AwsJsonCodecTest {
    /** Parses as the dispatcher does: decimals stay exact. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Instant CREATED = Instant.parse("2024-05-01T12:34:56.789Z");

    @Test
    void registerTaskDefinitionRequestWithNestedListsAndMapsSurvivesARoundTrip() {
        RegisterTaskDefinitionRequest request = fullTaskDefinitionRequest();

        RegisterTaskDefinitionRequest back = roundTrip(request, RegisterTaskDefinitionRequest::builder);

        assertThat(back.equalsBySdkFields(request)).as("%s%nvs%n%s", back, request).isTrue();
        assertThat(back.containerDefinitions().getFirst().dockerLabels())
                .containsExactlyEntriesOf(Map.of("com.example.team", "web", "com.example.tier", "front"));
        assertThat(back.containerDefinitions().getFirst().logConfiguration().options())
                .containsEntry("awslogs-stream-prefix", "web");
        assertThat(back.containerDefinitions().getFirst().healthCheck().command())
                .containsExactly("CMD-SHELL", "curl -f http://localhost/ || exit 1");
    }

    @Test
    void writesMembersUnderTheirWireNamesWithTheirJsonTypes() {
        ObjectNode json = AwsJsonCodec.write(fullTaskDefinitionRequest());

        assertThat(json.get("cpu").isTextual()).isTrue();
        assertThat(json.get("cpu").textValue()).isEqualTo("256");
        assertThat(json.get("networkMode").textValue()).isEqualTo("awsvpc");
        JsonNode container = json.get("containerDefinitions").get(0);
        assertThat(container.get("portMappings").get(0).get("containerPort").isInt()).isTrue();
        assertThat(container.get("portMappings").get(0).get("protocol").textValue()).isEqualTo("tcp");
        assertThat(container.get("essential").isBoolean()).isTrue();
        assertThat(container.get("dockerLabels").isObject()).isTrue();
        assertThat(container.get("environment").get(0).get("name").textValue()).isEqualTo("MODE");
        assertThat(container.get("logConfiguration").get("options").get("awslogs-group").textValue())
                .isEqualTo("/ecs/web");
    }

    @Test
    void timestampsAreEpochSecondsWithMillisecondsAndComeBackEqual() {
        DescribeServicesResponse response = DescribeServicesResponse.builder()
                .services(Service.builder()
                        .serviceName("web")
                        .status("ACTIVE")
                        .desiredCount(2)
                        .createdAt(CREATED)
                        .launchType(LaunchType.FARGATE)
                        .deployments(Deployment.builder().id("ecs-svc/1234567890123456789").status("PRIMARY")
                                .createdAt(CREATED).updatedAt(CREATED.plusMillis(1)).desiredCount(2).build())
                        .events(ServiceEvent.builder().id("e1").createdAt(Instant.ofEpochSecond(1466801812, 435_000_000))
                                .message("(service web) has reached a steady state.").build())
                        .build())
                .failures(List.of())
                .build();

        ObjectNode json = AwsJsonCodec.write(response);
        DescribeServicesResponse back = AwsJsonCodec.read(reparse(json), DescribeServicesResponse::builder);

        assertThat(json.get("services").get(0).get("createdAt").isNumber()).isTrue();
        assertThat(json.get("services").get(0).get("createdAt").decimalValue().toPlainString())
                .isEqualTo("1714566896.789");
        assertThat(json.get("services").get(0).get("events").get(0).get("createdAt").decimalValue().toPlainString())
                .isEqualTo("1466801812.435");
        assertThat(back.equalsBySdkFields(response)).as("%s%nvs%n%s", back, response).isTrue();
        assertThat(back.services().getFirst().deployments().getFirst().updatedAt()).isEqualTo(CREATED.plusMillis(1));
    }

    @Test
    void timestampsFinerThanAMillisecondAreWrittenTruncatedToTheMillisecond() {
        Task task = Task.builder().taskArn("t").createdAt(CREATED.plusNanos(456_789)).build();

        ObjectNode json = AwsJsonCodec.write(task);

        assertThat(json.get("createdAt").decimalValue().toPlainString()).isEqualTo("1714566896.789");
        assertThat(AwsJsonCodec.read(reparse(json), Task::builder).createdAt()).isEqualTo(CREATED);
    }

    @Test
    void readsTimestampsGivenAsIsoStringsAndFractionalOrWholeNumbers() {
        Task iso = read(Task::builder, "{\"createdAt\": \"2024-05-01T12:34:56.789Z\"}");
        Task fractional = read(Task::builder, "{\"createdAt\": 1714566896.789}");
        Task whole = read(Task::builder, "{\"createdAt\": 1714566896}");

        assertThat(iso.createdAt()).isEqualTo(CREATED);
        assertThat(fractional.createdAt()).isEqualTo(CREATED);
        assertThat(whole.createdAt()).isEqualTo(Instant.ofEpochSecond(1714566896));
    }

    @Test
    void describeTasksResponseWithContainersAttachmentsAndTimesSurvivesARoundTrip() {
        DescribeTasksResponse response = DescribeTasksResponse.builder()
                .tasks(Task.builder()
                        .taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef")
                        .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                        .lastStatus("RUNNING").desiredStatus("RUNNING")
                        .cpu("256").memory("512")
                        .createdAt(CREATED).startedAt(CREATED.plusSeconds(3))
                        .launchType(LaunchType.FARGATE)
                        .enableExecuteCommand(false)
                        .version(3L)
                        .attributes(software.amazon.awssdk.services.ecs.model.Attribute.builder()
                                .name("ecs.cpu-architecture").value("x86_64").build())
                        .containers(Container.builder().name("web").image("nginx").lastStatus("RUNNING")
                                .exitCode(137).reason("OutOfMemoryError: Container killed due to memory usage")
                                .networkBindings(List.of()).cpu("99").memory("100").build())
                        .tags(List.of())
                        .build())
                .failures(Failure.builder().arn("arn:aws:ecs:us-east-1:000000000000:task/c/missing")
                        .reason("MISSING").build())
                .build();

        DescribeTasksResponse back = roundTrip(response, DescribeTasksResponse::builder);

        assertThat(back.equalsBySdkFields(response)).as("%s%nvs%n%s", back, response).isTrue();
        assertThat(back.tasks().getFirst().version()).isEqualTo(3L);
        assertThat(back.tasks().getFirst().containers().getFirst().exitCode()).isEqualTo(137);
    }

    @Test
    void integersLongsDoublesAndBooleansKeepTheirValues() {
        DescribeContainerInstancesResponse response = DescribeContainerInstancesResponse.builder()
                .containerInstances(ContainerInstance.builder()
                        .containerInstanceArn("ci")
                        .agentConnected(true)
                        .runningTasksCount(Integer.MAX_VALUE)
                        .version(Long.MAX_VALUE)
                        .remainingResources(
                                Resource.builder().name("CPU").type("INTEGER").integerValue(-7).build(),
                                Resource.builder().name("MEM").type("LONG").longValue(9_007_199_254_740_993L).build(),
                                Resource.builder().name("GPU").type("DOUBLE").doubleValue(0.1).build(),
                                Resource.builder().name("PORTS").type("STRINGSET")
                                        .stringSetValue("22", "2375").build())
                        .build())
                .build();

        ObjectNode json = AwsJsonCodec.write(response);
        DescribeContainerInstancesResponse back = AwsJsonCodec.read(reparse(json),
                DescribeContainerInstancesResponse::builder);

        assertThat(back.equalsBySdkFields(response)).as("%s%nvs%n%s", back, response).isTrue();
        ContainerInstance instance = back.containerInstances().getFirst();
        assertThat(instance.version()).isEqualTo(Long.MAX_VALUE);
        assertThat(instance.remainingResources().get(1).longValue()).isEqualTo(9_007_199_254_740_993L);
        assertThat(instance.remainingResources().get(2).doubleValue()).isEqualTo(0.1);
        assertThat(json.get("containerInstances").get(0).get("agentConnected").booleanValue()).isTrue();
    }

    @Test
    void knownAndUnknownEnumValuesSurviveAsStrings() {
        RegisterTaskDefinitionRequest back = read(RegisterTaskDefinitionRequest::builder, """
                {"family": "f", "networkMode": "awsvpc",
                 "requiresCompatibilities": ["FARGATE", "QUANTUM"],
                 "containerDefinitions": [{"name": "c", "portMappings": [{"containerPort": 80, "protocol": "sctp"}]}]}
                """);

        assertThat(back.networkMode()).isEqualTo(NetworkMode.AWSVPC);
        assertThat(back.requiresCompatibilitiesAsStrings()).containsExactly("FARGATE", "QUANTUM");
        assertThat(back.requiresCompatibilities()).containsExactly(Compatibility.FARGATE, Compatibility.UNKNOWN_TO_SDK_VERSION);
        PortMapping mapping = back.containerDefinitions().getFirst().portMappings().getFirst();
        assertThat(mapping.protocol()).isEqualTo(TransportProtocol.UNKNOWN_TO_SDK_VERSION);
        assertThat(mapping.protocolAsString()).isEqualTo("sctp");

        ObjectNode written = AwsJsonCodec.write(back);
        assertThat(written.get("requiresCompatibilities").get(1).textValue()).isEqualTo("QUANTUM");
        assertThat(written.at("/containerDefinitions/0/portMappings/0/protocol").textValue()).isEqualTo("sctp");
    }

    @Test
    void anAbsentListStaysAbsentAndAnEmptyListIsWrittenAsEmpty() {
        RegisterTaskDefinitionRequest withoutVolumes = RegisterTaskDefinitionRequest.builder().family("f")
                .containerDefinitions(ContainerDefinition.builder().name("c").build()).build();
        RegisterTaskDefinitionRequest withEmptyVolumes = withoutVolumes.toBuilder().volumes(List.of()).build();

        ObjectNode absent = AwsJsonCodec.write(withoutVolumes);
        ObjectNode empty = AwsJsonCodec.write(withEmptyVolumes);

        assertThat(absent.has("volumes")).isFalse();
        assertThat(absent.at("/containerDefinitions/0").has("environment")).isFalse();
        assertThat(absent.at("/containerDefinitions/0").has("dockerLabels")).isFalse();
        assertThat(empty.get("volumes").isArray()).isTrue();
        assertThat(empty.get("volumes")).isEmpty();
        assertThat(AwsJsonCodec.read(reparse(absent), RegisterTaskDefinitionRequest::builder).hasVolumes()).isFalse();
        assertThat(AwsJsonCodec.read(reparse(empty), RegisterTaskDefinitionRequest::builder).hasVolumes()).isTrue();
    }

    @Test
    void anEmptyMapIsWrittenAsAnEmptyObjectAndReadBackAsPresent() {
        ContainerDefinition container = ContainerDefinition.builder().name("c").dockerLabels(Map.of()).build();

        ObjectNode json = AwsJsonCodec.write(container);
        ContainerDefinition back = AwsJsonCodec.read(reparse(json), ContainerDefinition::builder);

        assertThat(json.get("dockerLabels").isObject()).isTrue();
        assertThat(json.get("dockerLabels")).isEmpty();
        assertThat(back.hasDockerLabels()).isTrue();
        assertThat(back.hasEnvironment()).isFalse();
    }

    @Test
    void jsonNullIsTreatedAsAbsent() {
        RegisterTaskDefinitionRequest request = read(RegisterTaskDefinitionRequest::builder, """
                {"family": "f", "networkMode": null, "volumes": null, "cpu": null,
                 "containerDefinitions": [{"name": "c", "healthCheck": null, "dockerLabels": null, "memory": null}]}
                """);

        assertThat(request.networkMode()).isNull();
        assertThat(request.cpu()).isNull();
        assertThat(request.hasVolumes()).isFalse();
        ContainerDefinition container = request.containerDefinitions().getFirst();
        assertThat(container.healthCheck()).isNull();
        assertThat(container.hasDockerLabels()).isFalse();
        assertThat(container.memory()).isNull();
        assertThat(AwsJsonCodec.write(request).has("networkMode")).isFalse();
    }

    @Test
    void aNullInsideAListOrMapIsASerializationErrorNamingTheElement() {
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"family\": \"f\", \"containerDefinitions\": [null]}"), "'containerDefinitions[0]'", "null");
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"containerDefinitions\": [{\"command\": [\"a\", null]}]}"), "'containerDefinitions[0].command[1]'",
                "null");
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"containerDefinitions\": [{\"dockerLabels\": {\"a\": null}}]}"),
                "'containerDefinitions[0].dockerLabels.a'", "null");
    }

    @Test
    void unknownMembersAreIgnoredAtEveryLevel() {
        RegisterTaskDefinitionRequest request = read(RegisterTaskDefinitionRequest::builder, """
                {"family": "f", "futureFeature": {"deeply": ["nested", 1]}, "x": 1,
                 "containerDefinitions": [{"name": "c", "sparkles": true,
                   "logConfiguration": {"logDriver": "awslogs", "unheardOf": "x"}}]}
                """);

        assertThat(request.family()).isEqualTo("f");
        assertThat(request.containerDefinitions().getFirst().logConfiguration().logDriver()).isEqualTo(LogDriver.AWSLOGS);
        assertThat(AwsJsonCodec.write(request).has("futureFeature")).isFalse();
    }

    @Test
    void aNumberWhereTheModelSaysStringIsASerializationErrorNamingTheMember() {
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"family\": \"f\", \"cpu\": 256, \"containerDefinitions\": []}"), "'cpu'", "string");
    }

    @Test
    void aStringWhereTheModelSaysIntegerIsASerializationErrorNamingTheNestedMember() {
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"family\": \"f\", \"containerDefinitions\": [{\"name\": \"c\"}, {\"name\": \"d\", \"memory\": \"512\"}]}"),
                "containerDefinitions[1].memory", "integer");
    }

    @Test
    void aListWhereTheModelSaysStructureIsASerializationErrorNamingTheMember() {
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"family\": \"f\", \"containerDefinitions\": [{\"name\": \"c\", \"logConfiguration\": []}]}"),
                "containerDefinitions[0].logConfiguration", "structure");
    }

    @Test
    void otherTypeMismatchesAreSerializationErrorsToo() {
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"containerDefinitions\": {\"name\": \"c\"}}"), "'containerDefinitions'", "list");
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"containerDefinitions\": [{\"essential\": \"true\"}]}"), "containerDefinitions[0].essential", "boolean");
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"containerDefinitions\": [{\"dockerLabels\": {\"a\": 1}}]}"), "containerDefinitions[0].dockerLabels.a",
                "string");
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"containerDefinitions\": [{\"memory\": 512.5}]}"), "containerDefinitions[0].memory", "integer");
        assertSerializationError(() -> read(RegisterTaskDefinitionRequest::builder,
                "{\"containerDefinitions\": [{\"memory\": 99999999999}]}"), "containerDefinitions[0].memory", "integer");
        assertSerializationError(() -> read(Task::builder, "{\"createdAt\": \"yesterday\"}"), "'createdAt'", "timestamp");
        assertSerializationError(() -> read(Task::builder, "{\"createdAt\": true}"), "'createdAt'", "timestamp");
        assertSerializationError(() -> read(Task::builder, "{\"version\": \"3\"}"), "'version'", "integer");
    }

    @Test
    void aBodyThatIsNotAnObjectIsASerializationError() {
        assertThatThrownBy(() -> read(RegisterTaskDefinitionRequest::builder, "[1, 2]"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION));
    }

    @Test
    void anIdempotencyTokenIsNeverInventedWhenWriting() {
        CreateServiceRequest withoutToken = CreateServiceRequest.builder().cluster("c").serviceName("web")
                .taskDefinition("web:1").desiredCount(1).build();
        CreateServiceRequest withToken = withoutToken.toBuilder().clientToken("token-1").build();

        ObjectNode first = AwsJsonCodec.write(withoutToken);
        ObjectNode second = AwsJsonCodec.write(withoutToken);

        assertThat(first.has("clientToken")).as(first.toString()).isFalse();
        assertThat(second.has("clientToken")).isFalse();
        assertThat(AwsJsonCodec.write(withToken).get("clientToken").textValue()).isEqualTo("token-1");
        assertThat(AwsJsonCodec.read(reparse(first), CreateServiceRequest::builder).clientToken()).isNull();
        assertThat(read(CreateServiceRequest::builder, "{\"clientToken\": \"abc\"}").clientToken()).isEqualTo("abc");
    }

    @Test
    void tagsAndTheirValuesRoundTripInOrder() {
        RegisterTaskDefinitionRequest request = RegisterTaskDefinitionRequest.builder().family("f")
                .tags(Tag.builder().key("b").value("2").build(), Tag.builder().key("a").value("").build())
                .build();

        RegisterTaskDefinitionRequest back = roundTrip(request, RegisterTaskDefinitionRequest::builder);

        assertThat(back.tags()).extracting(Tag::key).containsExactly("b", "a");
        assertThat(back.tags().get(1).value()).isEmpty();
    }

    private static RegisterTaskDefinitionRequest fullTaskDefinitionRequest() {
        return RegisterTaskDefinitionRequest.builder()
                .family("web-app")
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256")
                .memory("512")
                .executionRoleArn("arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
                .containerDefinitions(
                        ContainerDefinition.builder()
                                .name("web")
                                .image("nginx:1.27")
                                .essential(true)
                                .cpu(128)
                                .memoryReservation(256)
                                .command("nginx", "-g", "daemon off;")
                                .portMappings(PortMapping.builder().containerPort(80).hostPort(80)
                                        .protocol(TransportProtocol.TCP).name("http").build())
                                .environment(KeyValuePair.builder().name("MODE").value("production").build(),
                                        KeyValuePair.builder().name("EMPTY").value("").build())
                                .dockerLabels(Map.of("com.example.team", "web", "com.example.tier", "front"))
                                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS)
                                        .options(Map.of("awslogs-group", "/ecs/web", "awslogs-region", "us-east-1",
                                                "awslogs-stream-prefix", "web"))
                                        .build())
                                .healthCheck(HealthCheck.builder()
                                        .command("CMD-SHELL", "curl -f http://localhost/ || exit 1")
                                        .interval(30).timeout(5).retries(3).startPeriod(10).build())
                                .readonlyRootFilesystem(false)
                                .build(),
                        ContainerDefinition.builder().name("sidecar").image("busybox").essential(false)
                                .entryPoint(List.of()).build())
                .tags(Tag.builder().key("team").value("platform").build())
                .build();
    }

    private static <T extends SdkPojo> T roundTrip(T value, Supplier<? extends SdkBuilder<?, ? extends T>> builder) {
        return AwsJsonCodec.read(reparse(AwsJsonCodec.write(value)), builder);
    }

    /** Writes the tree as text and parses it again, so the test sees what went over the wire. */
    private static JsonNode reparse(JsonNode tree) {
        return parse(tree.toString());
    }

    private static <T> T read(Supplier<? extends SdkBuilder<?, ? extends T>> builder, String json) {
        return AwsJsonCodec.read(parse(json), builder);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSerializationError(ThrowingCallable call, String path, String expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION);
            assertThat(e.getMessage()).contains(path).contains(expected);
        });
    }

    @Test
    void stringsWithLoneSurrogatesAreRefusedAndPairsKept() {
        assertThat(AwsJsonCodec.wellFormed("smile \ud83d\ude00", "m")).isEqualTo("smile \ud83d\ude00");
        for (String broken : new String[] {"\ud800", "a\udc00", "\ud83d", "\ude00\ud83d"}) {
            assertThatThrownBy(() -> AwsJsonCodec.wellFormed(broken, "logEvents[0].message"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION);
                        assertThat(e.getMessage()).contains("'logEvents[0].message' is not valid Unicode");
                    });
        }
    }
}
