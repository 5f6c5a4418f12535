package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Attribute;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.HealthCheck;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.PortMapping;
import dev.ecsd.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of RegisterTaskDefinition, as ECS states it, against the pure rules (no server). */
class TaskDefinitionRulesTest {
    private static final String EXECUTION_ROLE = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";
    private static final String INVALID_FARGATE_SIZE = "Invalid 'cpu' setting for task. For more information, "
            + "see the Troubleshooting section of the Amazon ECS Developer Guide.";

    /** The documented Fargate table (developer guide, task-cpu-memory-error), written out independently. */
    static Stream<Arguments> documentedFargateSizes() {
        List<Arguments> sizes = new ArrayList<>();
        Map.of(256, List.of(512, 1024, 2048),
                        512, List.of(1024, 2048, 3072, 4096),
                        1024, List.of(2048, 3072, 4096, 5120, 6144, 7168, 8192))
                .forEach((cpu, memories) -> memories.forEach(memory -> sizes.add(Arguments.of(cpu, memory))));
        IntStream.rangeClosed(4, 16).forEach(gb -> sizes.add(Arguments.of(2048, gb * 1024)));
        IntStream.rangeClosed(8, 30).forEach(gb -> sizes.add(Arguments.of(4096, gb * 1024)));
        IntStream.iterate(16, gb -> gb <= 60, gb -> gb + 4).forEach(gb -> sizes.add(Arguments.of(8192, gb * 1024)));
        IntStream.iterate(32, gb -> gb <= 120, gb -> gb + 8).forEach(gb -> sizes.add(Arguments.of(16384, gb * 1024)));
        return sizes.stream();
    }

    @Nested
    class FargateSizeTable {
        @ParameterizedTest(name = "cpu {0}, memory {1}")
        @MethodSource("dev.ecsd.api.ecs.TaskDefinitionRulesTest#documentedFargateSizes")
        void acceptsEveryDocumentedCombination(int cpu, int memory) {
            TaskDefinition registered = normalize(fargateTask(Integer.toString(cpu), Integer.toString(memory),
                    container("app", "nginx")));

            assertThat(registered.cpu()).isEqualTo(Integer.toString(cpu));
            assertThat(registered.memory()).isEqualTo(Integer.toString(memory));
            assertThat(registered.compatibilities()).containsExactly("EC2", "FARGATE");
        }

        @Test
        void offersNoCombinationOutsideTheTable() {
            List<List<Integer>> documented = documentedFargateSizes()
                    .map(a -> List.of((Integer) a.get()[0], (Integer) a.get()[1])).toList();
            assertThat(documented).hasSize(3 + 4 + 7 + 13 + 23 + 12 + 12);
            for (int cpu : new int[] {128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768}) {
                for (int memory = 512; memory <= 131072; memory += 512) {
                    assertThat(FargateSizes.isValid(cpu, memory))
                            .as("cpu %d memory %d", cpu, memory)
                            .isEqualTo(documented.contains(List.of(cpu, memory)));
                }
                assertThat(FargateSizes.isValidCpu(cpu)).as("cpu %d", cpu).isEqualTo(cpu != 128 && cpu != 32768);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"128", "300", "768", "3072", "32768", "0.75 vCPU"})
        void refusesACpuFargateDoesNotOffer(String cpu) {
            assertRefused(fargateTask(cpu, "2048", container("app", "nginx")), INVALID_FARGATE_SIZE);
        }

        @ParameterizedTest(name = "cpu {0}, memory {1}")
        @CsvSource({"256, 4096", "256, 768", "512, 512", "1024, 1024", "1024, 9216", "2048, 3072", "2048, 17408",
                "4096, 31744", "4096, 8704", "8192, 18432", "8192, 65536", "16384, 36864", "16384, 131072"})
        void refusesAMemoryTheCpuDoesNotOffer(int cpu, int memory) {
            // The developer guide: "if you specify an invalid cpu or memory value, the following error is returned".
            assertRefused(fargateTask(Integer.toString(cpu), Integer.toString(memory), container("app", "nginx")),
                    INVALID_FARGATE_SIZE);
        }

        @Test
        void requiresTaskCpu() {
            assertRefused("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                     "memory": "512", "containerDefinitions": [%s]}""".formatted(container("app", "nginx")),
                    "Fargate requires that 'cpu' be defined at the task level.");
        }

        @Test
        void requiresTaskMemory() {
            assertRefused("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                     "cpu": "256", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 256}]}""",
                    "Fargate requires that 'memory' be defined at the task level.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"networkMode\": \"bridge\",", "\"networkMode\": \"host\",", ""})
        void requiresAwsvpc(String networkMode) {
            assertRefused("""
                    {"family": "web", %s "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                     "containerDefinitions": [%s]}""".formatted(networkMode, container("app", "nginx")),
                    "Fargate only supports network mode \u2018awsvpc\u2019.");
        }

        @Test
        void appliesEvenWhenEc2IsAlsoRequired() {
            assertRefused("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["EC2", "FARGATE"],
                     "cpu": "256", "memory": "4096", "containerDefinitions": [%s]}"""
                    .formatted(container("app", "nginx")), INVALID_FARGATE_SIZE);
        }

        @Test
        void refusesIpcMode() {
            assertRefused("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                     "cpu": "256", "memory": "512", "ipcMode": "host", "containerDefinitions": [%s]}"""
                    .formatted(container("app", "nginx")),
                    "Tasks using the Fargate launch type do not support ipcMode.");
        }
    }

    @Nested
    class SizeStrings {
        @ParameterizedTest(name = "\"{0}\" / \"{1}\" -> {2} / {3}")
        @CsvSource({
                "1 vCPU, 2 GB, 1024, 2048",
                "1 vcpu, 2GB, 1024, 2048",
                "0.25 vCPU, 0.5 GB, 256, 512",
                "4 VCPU, 8 gb, 4096, 8192",
                "16 vCPU, 120 GB, 16384, 122880",
                "512, 1024, 512, 1024"})
        void areStoredAsIntegers(String cpu, String memory, String cpuUnits, String memoryMiB) {
            TaskDefinition registered = normalize(fargateTask(cpu, memory, container("app", "nginx")));

            assertThat(registered.cpu()).isEqualTo(cpuUnits);
            assertThat(registered.memory()).isEqualTo(memoryMiB);
        }

        @Test
        void conversionsAreExact() {
            assertThat(TaskSizes.cpuUnits(" 2 vCPU ")).isEqualTo(2048);
            assertThat(TaskSizes.memoryMiB("3 GB")).isEqualTo(3072);
            assertThat(TaskSizes.cpuUnits(null)).isNull();
            assertThat(TaskSizes.memoryMiB(" ")).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"one vCPU", "1.3 vCPU", "1 GB", "99999999999"})
        void refusesAnUnreadableCpu(String cpu) {
            assertRefused(ec2TaskWithSizes(cpu, "1024"), "Invalid 'cpu' setting for task.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"lots", "1.0001 GB", "2 vCPU"})
        void refusesAnUnreadableMemory(String memory) {
            assertRefused(ec2TaskWithSizes("1024", memory), "Invalid 'memory' setting for task.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"64", "127", "196609"})
        void refusesAnEc2CpuOutsideTheDocumentedRange(String cpu) {
            assertThatThrownBy(() -> normalize(ec2TaskWithSizes(cpu, "1024")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.CLIENT);
                        assertThat(e.getMessage()).startsWith("Invalid 'cpu' setting for task.");
                    });
        }

        @Test
        void ec2SizesNeedNotBeFargateSizes() {
            TaskDefinition registered = normalize(ec2TaskWithSizes("128", "100"));

            assertThat(registered.cpu()).isEqualTo("128");
            assertThat(registered.memory()).isEqualTo("100");
            assertThat(registered.compatibilities()).containsExactly("EXTERNAL", "EC2");
        }

        private static String ec2TaskWithSizes(String cpu, String memory) {
            return """
                    {"family": "web", "cpu": "%s", "memory": "%s",
                     "containerDefinitions": [{"name": "app", "image": "nginx"}]}""".formatted(cpu, memory);
        }
    }

    @Nested
    class Containers {
        @Test
        void areEssentialUnlessTheySayOtherwise() {
            TaskDefinition registered = normalize(ec2Task(container("app", "nginx"),
                    "{\"name\": \"sidecar\", \"image\": \"busybox\", \"memory\": 64, \"essential\": false}"));

            assertThat(registered.containerDefinitions()).extracting(ContainerDefinition::essential)
                    .containsExactly(true, false);
        }

        @Test
        void atLeastOneMustBeEssential() {
            assertRefused(ec2Task("{\"name\": \"a\", \"image\": \"nginx\", \"memory\": 64, \"essential\": false}",
                            "{\"name\": \"b\", \"image\": \"nginx\", \"memory\": 64, \"essential\": false}"),
                    "Task definition doesn't have any essential container.");
        }

        @Test
        void namesAreUnique() {
            assertRefused(ec2Task(container("app", "nginx"), container("app", "busybox")),
                    "Container names must be unique within a Task Definition.");
        }

        @Test
        void theListCannotBeEmpty() {
            assertRefused(ec2Task(), "Container list cannot be empty.");
            assertRefused("{\"family\": \"web\"}", "Container list cannot be empty.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"image\": \"nginx\", \"memory\": 64}", "{\"name\": \"\", \"image\": \"nginx\", \"memory\": 64}"})
        void needAName(String container) {
            assertRefused(ec2Task(container), "Container.name should not be null or empty.");
        }

        @Test
        void namesUseLettersDigitsHyphensAndUnderscores() {
            assertRefused(ec2Task(container("my app", "nginx")), "Container.name contains invalid characters.");
            assertThat(normalize(ec2Task(container("My_app-2", "nginx"))).containerDefinitions().getFirst().name())
                    .isEqualTo("My_app-2");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"name\": \"app\", \"memory\": 64}", "{\"name\": \"app\", \"image\": \" \", \"memory\": 64}"})
        void needAnImage(String container) {
            assertRefused(ec2Task(container), "Container.image should not be null or empty.");
        }

        @Test
        void getTheDefaultsEcsFillsIn() {
            ContainerDefinition registered = normalize(ec2Task(container("app", "nginx"))).containerDefinitions().getFirst();

            assertThat(registered.cpu()).isZero();
            assertThat(registered.essential()).isTrue();
            assertThat(registered.portMappings()).isEmpty();
            assertThat(registered.environment()).isEmpty();
            assertThat(registered.mountPoints()).isEmpty();
            assertThat(registered.volumesFrom()).isEmpty();
            assertThat(registered.systemControls()).isEmpty();
            assertThat(registered.healthCheck()).isNull();
            assertThat(registered.logConfiguration()).isNull();
        }

        @Test
        void keepFieldsEcsdDoesNotActOn() {
            ContainerDefinition registered = normalize(ec2Task("""
                    {"name": "app", "image": "nginx", "memory": 64, "privileged": true, "links": ["db:db"],
                     "resourceRequirements": [{"type": "GPU", "value": "1"}]}""")).containerDefinitions().getFirst();

            assertThat(registered.additionalFields())
                    .containsEntry("privileged", true)
                    .containsEntry("links", List.of("db:db"))
                    .containsEntry("resourceRequirements", List.of(Map.of("type", "GPU", "value", "1")));
        }

        @Test
        void awsvpcContainersCannotSetAHostname() {
            assertRefused(awsvpcTask("{\"name\": \"app\", \"image\": \"nginx\", \"memory\": 64, \"hostname\": \"web\"}"),
                    "hostname is not supported on container when networkMode=awsvpc.");
        }
    }

    @Nested
    class HealthChecks {
        @Test
        void getEcsDefaultsAndNoStartPeriod() {
            HealthCheck check = healthCheckAfterRegistration("\"command\": [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]");

            assertThat(check).isEqualTo(new HealthCheck(List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"),
                    30, 5, 3, null));
        }

        @Test
        void keepWhatWasGiven() {
            HealthCheck check = healthCheckAfterRegistration("""
                    "command": ["CMD", "true"], "interval": 10, "timeout": 4, "retries": 7, "startPeriod": 60""");

            assertThat(check).isEqualTo(new HealthCheck(List.of("CMD", "true"), 10, 4, 7, 60));
        }

        @ParameterizedTest(name = "{0} = {1} accepted")
        @CsvSource({"interval, 5", "interval, 300", "timeout, 2", "timeout, 60", "retries, 1", "retries, 10",
                "startPeriod, 0", "startPeriod, 300"})
        void acceptTheDocumentedBounds(String field, int value) {
            HealthCheck check = healthCheckAfterRegistration(
                    "\"command\": [\"CMD\", \"true\"], \"%s\": %d".formatted(field, value));

            assertThat(ModelJson.tree(check).get(field).intValue()).isEqualTo(value);
        }

        @ParameterizedTest(name = "{0} = {1} refused")
        @CsvSource({"interval, 4, 5, 300", "interval, 301, 5, 300", "timeout, 1, 2, 60", "timeout, 61, 2, 60",
                "retries, 0, 1, 10", "retries, 11, 1, 10", "startPeriod, -1, 0, 300", "startPeriod, 301, 0, 300"})
        void refuseValuesOutsideTheBounds(String field, int value, int min, int max) {
            assertRefused(ec2Task(containerWithHealthCheck("\"command\": [\"CMD\", \"true\"], \"%s\": %d"
                            .formatted(field, value))),
                    "Invalid 'healthCheck." + field + "' setting for container 'app'. The value must be between "
                            + min + " and " + max + ".");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"command\": []", "\"command\": [\"curl\", \"-f\", \"http://localhost/\"]", "\"interval\": 10"})
        void needACommandStartingWithCmdOrCmdShell(String check) {
            assertRefused(ec2Task(containerWithHealthCheck(check)), "Invalid 'healthCheck.command' setting for "
                    + "container 'app'. The command must start with CMD or CMD-SHELL.");
        }

        private HealthCheck healthCheckAfterRegistration(String check) {
            return normalize(ec2Task(containerWithHealthCheck(check))).containerDefinitions().getFirst().healthCheck();
        }

        private static String containerWithHealthCheck(String check) {
            return "{\"name\": \"app\", \"image\": \"nginx\", \"memory\": 64, \"healthCheck\": {" + check + "}}";
        }
    }

    @Nested
    class PortMappings {
        @ParameterizedTest
        @ValueSource(strings = {"awsvpc", "host"})
        void hostPortIsTheContainerPortWhenOmitted(String networkMode) {
            List<PortMapping> mappings = portMappingsAfterRegistration(networkMode,
                    "{\"containerPort\": 80}, {\"containerPort\": 53, \"protocol\": \"udp\"}");

            assertThat(mappings).extracting(PortMapping::containerPort, PortMapping::hostPort, PortMapping::protocol)
                    .containsExactly(tuple(80, 80, null),
                            tuple(53, 53, "udp"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"awsvpc", "host"})
        void hostPortMustMatchTheContainerPort(String networkMode) {
            assertRefused(taskWithPorts(networkMode, "{\"containerPort\": 80, \"hostPort\": 8080}"),
                    "When networkMode=" + networkMode + ", the host ports and container ports in port mappings must match.");
        }

        @Test
        void awsvpcAcceptsAMatchingHostPort() {
            assertThat(portMappingsAfterRegistration("awsvpc", "{\"containerPort\": 80, \"hostPort\": 80}"))
                    .extracting(PortMapping::hostPort).containsExactly(80);
        }

        @Test
        void bridgeKeepsTheHostPortOrItsAbsence() {
            List<PortMapping> mappings = portMappingsAfterRegistration("bridge",
                    "{\"containerPort\": 80, \"hostPort\": 8080}, {\"containerPort\": 443}");

            assertThat(mappings).extracting(PortMapping::containerPort, PortMapping::hostPort)
                    .containsExactly(tuple(80, 8080),
                            tuple(443, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"containerPort\": 0}", "{\"containerPort\": 65536}", "{\"hostPort\": 80}"})
        void containerPortMustBeAPort(String mapping) {
            assertRefused(taskWithPorts("bridge", mapping), "Invalid 'containerPort' setting for container 'app'.");
        }

        private List<PortMapping> portMappingsAfterRegistration(String networkMode, String mappings) {
            return normalize(taskWithPorts(networkMode, mappings)).containerDefinitions().getFirst().portMappings();
        }

        private static String taskWithPorts(String networkMode, String mappings) {
            return """
                    {"family": "web", "networkMode": "%s", "containerDefinitions": [
                      {"name": "app", "image": "nginx", "memory": 64, "portMappings": [%s]}]}"""
                    .formatted(networkMode, mappings);
        }
    }

    @Nested
    class FargateLoggingAndImages {
        private static final String AWSLOGS = """
                "logConfiguration": {"logDriver": "awslogs", "options": {%s}}""";

        @Test
        void awslogsNeedsAStreamPrefix() {
            assertRefused(fargateTask("256", "512", containerWith(AWSLOGS.formatted(
                            "\"awslogs-group\": \"/ecs/web\", \"awslogs-region\": \"us-east-1\""))),
                    "Fargate requires log configuration options to include awslogs-stream-prefix to support log driver awslogs.");
        }

        @Test
        void awslogsNeedsAnExecutionRole() {
            assertRefused("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                     "cpu": "256", "memory": "512", "containerDefinitions": [%s]}"""
                            .formatted(containerWith(AWSLOGS.formatted("\"awslogs-stream-prefix\": \"web\""))),
                    "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
        }

        @Test
        void awslogsWithBothIsAccepted() {
            TaskDefinition registered = normalize(fargateTask("256", "512", containerWith(AWSLOGS.formatted(
                    "\"awslogs-group\": \"/ecs/web\", \"awslogs-stream-prefix\": \"web\""))));

            assertThat(registered.containerDefinitions().getFirst().logConfiguration().secretOptions()).isEmpty();
            assertThat(registered.compatibilities()).containsExactly("EC2", "FARGATE");
        }

        @Test
        void onEc2AwslogsNeedsNeither() {
            TaskDefinition registered = normalize(ec2Task(containerWith(AWSLOGS.formatted("\"awslogs-group\": \"/ecs/web\""))));

            assertThat(registered.compatibilities()).containsExactly("EXTERNAL", "EC2");
        }

        @Test
        void anEcrImageNeedsAnExecutionRole() {
            assertRefused("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                     "cpu": "256", "memory": "512", "containerDefinitions": [%s]}"""
                            .formatted(container("app", "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1")),
                    "Fargate requires task definition to have execution role ARN to support ECR images.");
        }

        @Test
        void anEcrImageWithAnExecutionRoleIsAccepted() {
            TaskDefinition registered = normalize(fargateTask("256", "512",
                    container("app", "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1")));

            assertThat(registered.requiresAttributes()).extracting(Attribute::name)
                    .contains("com.amazonaws.ecs.capability.ecr-auth", "ecs.capability.execution-role-ecr-pull");
        }

        @Test
        void publicImagesNeedNoExecutionRole() {
            TaskDefinition registered = normalize("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                     "cpu": "256", "memory": "512", "containerDefinitions": [%s]}"""
                    .formatted(container("app", "public.ecr.aws/nginx/nginx:latest")));

            assertThat(registered.executionRoleArn()).isNull();
            assertThat(registered.compatibilities()).containsExactly("EC2", "FARGATE");
        }

        private static String containerWith(String field) {
            return "{\"name\": \"app\", \"image\": \"nginx\", \"memory\": 64, " + field + "}";
        }
    }

    @Nested
    class Secrets {
        private static final String DB = "arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-AbCdEf";

        @Test
        void secretsNeedAnExecutionRoleOnEveryLaunchType() {
            String message = "When you are specifying container secrets, you must also specify a value for "
                    + "'executionRoleArn'.";
            assertRefused(ec2Task(withSecret("DB_PASSWORD", DB + ":password::")), message);
            assertRefused("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                     "cpu": "256", "memory": "512", "containerDefinitions": [%s]}"""
                            .formatted(withSecret("API_KEY", "/prod/api-key")), message);
        }

        @Test
        void secretsManagerAndParameterArnsAndParameterNamesAreAccepted() {
            TaskDefinition registered = normalize(fargateTask("256", "512", "{\"name\": \"app\", \"image\": \"nginx\", "
                    + "\"secrets\": [" + secret("A", DB) + ", " + secret("B", DB + ":password:AWSCURRENT:") + ", "
                    + secret("C", "arn:aws:ssm:us-east-1:000000000000:parameter/prod/api-key") + ", "
                    + secret("D", "/prod/api-key") + ", " + secret("E", "plain-name:3") + "]}"));

            assertThat(registered.containerDefinitions().getFirst().secrets()).hasSize(5);
        }

        @Test
        void aSecretNeedsANameAndAValueFrom() {
            assertRefused(fargateTask("256", "512", "{\"name\": \"app\", \"image\": \"nginx\", "
                    + "\"secrets\": [{\"valueFrom\": \"/prod/api-key\"}]}"), "Secret.name should not be null or empty.");
            assertRefused(fargateTask("256", "512", "{\"name\": \"app\", \"image\": \"nginx\", "
                    + "\"secrets\": [{\"name\": \"A\"}]}"), "Secret.valueFrom should not be null or empty.");
        }

        @Test
        void anArnOfAnotherServiceIsRefused() {
            String s3 = "arn:aws:s3:::bucket/key";
            assertRefused(fargateTask("256", "512", withSecret("A", s3)), "Invalid secret valueFrom '" + s3
                    + "'. It must be the ARN of a Secrets Manager secret or of a Systems Manager parameter, or the "
                    + "name of a parameter.");
        }

        @Test
        void repositoryCredentialsNameASecretAndNeedAnExecutionRole() {
            String credentials = "{\"name\": \"app\", \"image\": \"registry.example.com/app:1\", \"memory\": 64, "
                    + "\"repositoryCredentials\": {\"credentialsParameter\": \"%s\"}}";
            TaskDefinition registered = normalize(fargateTask("256", "512", credentials.formatted(DB)));
            assertThat(registered.containerDefinitions().getFirst().additionalFields())
                    .containsEntry("repositoryCredentials", Map.of("credentialsParameter", DB));
            assertThat(registered.requiresAttributes()).extracting(Attribute::name)
                    .contains("com.amazonaws.ecs.capability.private-registry-authentication.secretsmanager");
            assertThat(normalize(ec2TaskWithRole(credentials.formatted("registry/login"))).containerDefinitions())
                    .hasSize(1);

            assertRefused(ec2Task(credentials.formatted(DB)), "When you are specifying repository credentials, you "
                    + "must also specify a value for 'executionRoleArn'.");
            assertRefused(ec2TaskWithRole(credentials.formatted("")),
                    "RepositoryCredentials.credentialsParameter should not be null or empty.");
            String ssm = "arn:aws:ssm:us-east-1:000000000000:parameter/login";
            assertRefused(ec2TaskWithRole(credentials.formatted(ssm)), "Invalid repositoryCredentials "
                    + "credentialsParameter '" + ssm + "'. It must be the ARN or the name of a Secrets Manager secret.");
        }

        @Test
        void logSecretOptionsAreCheckedAsSecretsAre() {
            String splunk = "{\"name\": \"app\", \"image\": \"nginx\", \"memory\": 64, \"logConfiguration\": "
                    + "{\"logDriver\": \"splunk\", \"secretOptions\": [%s]}}";
            TaskDefinition registered = normalize(ec2TaskWithRole(splunk.formatted(secret("splunk-token", DB))));
            assertThat(registered.containerDefinitions().getFirst().logConfiguration().secretOptions()).hasSize(1);

            assertRefused(ec2Task(splunk.formatted(secret("splunk-token", DB))), "When you are specifying log "
                    + "configuration secret options, you must also specify a value for 'executionRoleArn'.");
            assertRefused(ec2TaskWithRole(splunk.formatted("{\"valueFrom\": \"/x\"}")),
                    "SecretOption.name should not be null or empty.");
            assertRefused(ec2TaskWithRole(splunk.formatted(secret("splunk-token", "arn:aws:s3:::b/k"))),
                    "Invalid secret valueFrom 'arn:aws:s3:::b/k'. It must be the ARN of a Secrets Manager secret or of "
                            + "a Systems Manager parameter, or the name of a parameter.");
        }

        private static String ec2TaskWithRole(String container) {
            return "{\"family\": \"web\", \"executionRoleArn\": \"" + EXECUTION_ROLE
                    + "\", \"containerDefinitions\": [" + container + "]}";
        }

        private static String withSecret(String name, String valueFrom) {
            return "{\"name\": \"app\", \"image\": \"nginx\", \"memory\": 64, \"secrets\": ["
                    + secret(name, valueFrom) + "]}";
        }

        private static String secret(String name, String valueFrom) {
            return "{\"name\": \"" + name + "\", \"valueFrom\": \"" + valueFrom + "\"}";
        }
    }

    @Nested
    class Memory {
        @Test
        void aContainerCannotHaveMoreThanTheTask() {
            assertRefused("""
                    {"family": "web", "memory": "512", "containerDefinitions": [
                      {"name": "blah", "image": "nginx", "memory": 1024}]}""",
                    "The 'memory' setting for container 'blah' is greater than for the task.");
        }

        @Test
        void reservationsCannotAddUpToMoreThanTheTask() {
            assertRefused("""
                    {"family": "web", "memory": "512", "containerDefinitions": [
                      {"name": "a", "image": "nginx", "memoryReservation": 300},
                      {"name": "b", "image": "nginx", "memoryReservation": 300}]}""",
                    "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.");
        }

        @Test
        void reservationsThatFitAreAccepted() {
            TaskDefinition registered = normalize("""
                    {"family": "web", "memory": "512", "containerDefinitions": [
                      {"name": "a", "image": "nginx", "memoryReservation": 256},
                      {"name": "b", "image": "nginx", "memoryReservation": 256, "memory": 512}]}""");

            assertThat(registered.containerDefinitions()).extracting(ContainerDefinition::memoryReservation)
                    .containsExactly(256, 256);
        }

        @Test
        void withoutTaskMemoryEachContainerNeedsMemoryOrAReservation() {
            assertRefused(ec2Task(container("app", "nginx"), "{\"name\": \"my-container\", \"image\": \"nginx\"}"),
                    "Invalid setting for container 'my-container'. At least one of 'memory' or 'memoryReservation' "
                            + "must be specified.");
            assertThat(normalize(ec2Task("{\"name\": \"app\", \"image\": \"nginx\", \"memoryReservation\": 64}"))
                    .containerDefinitions()).hasSize(1);
        }

        @Test
        void withTaskMemoryContainersNeedNone() {
            TaskDefinition registered = normalize("""
                    {"family": "web", "memory": "512", "containerDefinitions": [{"name": "app", "image": "nginx"}]}""");

            assertThat(registered.containerDefinitions().getFirst().memory()).isNull();
        }

        @Test
        void memoryCannotBeBelowTheReservation() {
            assertThatThrownBy(() -> normalize(ec2Task(
                    "{\"name\": \"app\", \"image\": \"nginx\", \"memory\": 64, \"memoryReservation\": 128}")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.CLIENT));
        }
    }

    @Nested
    class Dependencies {
        @Test
        void mustNameAnotherContainer() {
            assertRefused(ec2Task(withDependency("app", "db", "START")),
                    "Invalid 'dependsOn' setting for container 'app'. 'db' is not another container of the task definition.");
            assertRefused(ec2Task(withDependency("app", "app", "START")),
                    "Invalid 'dependsOn' setting for container 'app'. 'app' is not another container of the task definition.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"RUNNING", "start", "STOPPED"})
        void mustUseADocumentedCondition(String condition) {
            assertRefused(ec2Task(withDependency("app", "init", condition), nonEssential("init", "")),
                    "Invalid 'dependsOn' condition '" + condition + "' for container 'app'. "
                            + "Valid values are START, COMPLETE, SUCCESS and HEALTHY.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUCCESS", "COMPLETE"})
        void successOrCompleteCannotWaitForAnEssentialContainer(String condition) {
            assertRefused(ec2Task(withDependency("app", "init", condition), container("init", "busybox")),
                    "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SUCCESS", "COMPLETE", "START"})
        void nonEssentialDependenciesAreAccepted(String condition) {
            TaskDefinition registered = normalize(ec2Task(withDependency("app", "init", condition), nonEssential("init", "")));

            assertThat(registered.containerDefinitions().getFirst().dependsOn()).hasSize(1);
            assertThat(registered.requiresAttributes()).extracting(Attribute::name)
                    .contains("ecs.capability.container-ordering");
        }

        @Test
        void healthyNeedsAHealthCheck() {
            assertRefused(ec2Task(withDependency("app", "db", "HEALTHY"), container("db", "postgres")),
                    "Invalid 'dependsOn' setting for container 'app'. The HEALTHY condition requires container 'db' "
                            + "to have a health check.");
            TaskDefinition registered = normalize(ec2Task(withDependency("app", "db", "HEALTHY"),
                    "{\"name\": \"db\", \"image\": \"postgres\", \"memory\": 64, "
                            + "\"healthCheck\": {\"command\": [\"CMD\", \"pg_isready\"]}}"));
            assertThat(registered.containerDefinitions()).hasSize(2);
        }

        @Test
        void cannotFormACycle() {
            assertThatThrownBy(() -> normalize(ec2Task(withDependency("a", "b", "START"), withDependency("b", "c", "START"),
                    withDependency("c", "a", "START"))))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.CLIENT);
                        assertThat(e.getMessage()).contains("cycle").contains("a", "b", "c");
                    });
        }

        @Test
        void aDiamondIsNotACycle() {
            TaskDefinition registered = normalize(ec2Task(
                    "{\"name\": \"app\", \"image\": \"nginx\", \"memory\": 64, \"dependsOn\": ["
                            + "{\"containerName\": \"b\", \"condition\": \"START\"}, "
                            + "{\"containerName\": \"c\", \"condition\": \"START\"}]}",
                    withDependency("b", "d", "START"), withDependency("c", "d", "START"), container("d", "busybox")));

            assertThat(registered.containerDefinitions()).hasSize(4);
        }

        private static String withDependency(String name, String on, String condition) {
            return "{\"name\": \"%s\", \"image\": \"nginx\", \"memory\": 64, \"dependsOn\": [{\"containerName\": \"%s\", \"condition\": \"%s\"}]}"
                    .formatted(name, on, condition);
        }

        private static String nonEssential(String name, String extra) {
            return "{\"name\": \"%s\", \"image\": \"busybox\", \"memory\": 64, \"essential\": false%s}".formatted(name, extra);
        }
    }

    @Nested
    class Volumes {
        @Test
        void mountPointsMustNameAVolumeOfTheTaskDefinition() {
            assertRefused("""
                    {"family": "web", "volumes": [{"name": "data", "host": {"sourcePath": "/srv/data"}}],
                     "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 64,
                       "mountPoints": [{"sourceVolume": "logs", "containerPath": "/var/log"}]}]}""",
                    "Invalid 'mountPoints' setting for container 'app'. The sourceVolume 'logs' is not a volume of the "
                            + "task definition.");
        }

        @Test
        void mountPointsOfDefinedVolumesAreKept() {
            TaskDefinition registered = normalize("""
                    {"family": "web", "volumes": [{"name": "data", "host": {"sourcePath": "/srv/data"}}],
                     "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 64,
                       "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": true}]}]}""");

            assertThat(registered.volumes()).extracting(v -> v.host().sourcePath()).containsExactly("/srv/data");
            assertThat(registered.containerDefinitions().getFirst().mountPoints())
                    .singleElement().satisfies(m -> assertThat(m.readOnly()).isTrue());
        }
    }

    @Nested
    class Compatibilities {
        @ParameterizedTest
        @ValueSource(strings = {"\"networkMode\": \"bridge\",", ""})
        void bridgeIsExternalAndEc2(String networkMode) {
            TaskDefinition registered = normalize("""
                    {"family": "sleep360", %s "containerDefinitions": [
                      {"name": "sleep", "image": "busybox", "cpu": 10, "command": ["sleep", "360"], "memory": 10}]}"""
                    .formatted(networkMode));

            assertThat(registered.compatibilities()).containsExactly("EXTERNAL", "EC2");
            assertThat(registered.requiresCompatibilities()).isNull();
            assertThat(registered.volumes()).isEmpty();
            assertThat(registered.placementConstraints()).isEmpty();
        }

        @Test
        void aValidFargateDefinitionIsEc2AndFargate() {
            assertThat(normalize(fargateTask("512", "1024", container("app", "nginx"))).compatibilities())
                    .containsExactly("EC2", "FARGATE");
        }

        @Test
        void awsvpcWithoutAFargateSizeIsEc2Only() {
            TaskDefinition registered = normalize("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["EC2"], "cpu": "128",
                     "memory": "512", "containerDefinitions": [%s]}""".formatted(container("app", "nginx")));

            assertThat(registered.compatibilities()).containsExactly("EC2");
        }

        @Test
        void refusesAnUnknownCompatibility() {
            assertThatThrownBy(() -> normalize("""
                    {"family": "web", "requiresCompatibilities": ["LAMBDA"], "containerDefinitions": [%s]}"""
                    .formatted(container("app", "nginx"))))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("LAMBDA"));
        }
    }

    @Nested
    class RequiresAttributes {
        @Test
        void aPlainBridgeDefinitionRequiresNothing() {
            assertThat(normalize(ec2Task(container("app", "nginx"))).requiresAttributes()).isEmpty();
        }

        @Test
        void followTheFeaturesUsed() {
            TaskDefinition registered = normalize("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                     "cpu": "256", "memory": "512", "executionRoleArn": "%s",
                     "taskRoleArn": "arn:aws:iam::000000000000:role/app",
                     "containerDefinitions": [
                       {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1",
                        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-stream-prefix": "web"}},
                        "secrets": [
                          {"name": "DB", "valueFrom": "arn:aws:secretsmanager:us-east-1:000000000000:secret:db"},
                          {"name": "KEY", "valueFrom": "arn:aws:ssm:us-east-1:000000000000:parameter/key"}],
                        "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]},
                       {"name": "db", "image": "postgres", "healthCheck": {"command": ["CMD", "pg_isready"]}}]}"""
                    .formatted(EXECUTION_ROLE));

            assertThat(registered.requiresAttributes()).extracting(Attribute::name).containsExactly(
                    "com.amazonaws.ecs.capability.logging-driver.awslogs",
                    "ecs.capability.execution-role-awslogs",
                    "com.amazonaws.ecs.capability.ecr-auth",
                    "com.amazonaws.ecs.capability.docker-remote-api.1.19",
                    "com.amazonaws.ecs.capability.task-iam-role",
                    "ecs.capability.container-health-check",
                    "ecs.capability.container-ordering",
                    "ecs.capability.execution-role-ecr-pull",
                    "ecs.capability.secrets.asm.environment-variables",
                    "ecs.capability.secrets.ssm.environment-variables",
                    "com.amazonaws.ecs.capability.docker-remote-api.1.18",
                    "ecs.capability.task-eni");
            assertThat(registered.requiresAttributes()).allSatisfy(a -> {
                assertThat(a.value()).isNull();
                assertThat(a.targetType()).isNull();
            });
        }
    }

    @Nested
    class Family {
        @ParameterizedTest
        @ValueSource(strings = {"web app", "web:1", "web/app"})
        void usesLettersDigitsHyphensAndUnderscores(String family) {
            assertThatThrownBy(() -> normalize("{\"family\": \"%s\", \"containerDefinitions\": [%s]}"
                    .formatted(family, container("app", "nginx"))))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.CLIENT);
                        assertThat(e.getMessage()).startsWith("Family contains invalid characters");
                    });
        }

        @Test
        void isRequired() {
            assertRefused("{\"containerDefinitions\": [%s]}".formatted(container("app", "nginx")),
                    "Family should not be null or empty.");
        }
    }

    @Nested
    class TaskLevelFields {
        @Test
        void thoseEcsdDoesNotActOnAreKept() {
            TaskDefinition registered = normalize("""
                    {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                     "cpu": "256", "memory": "512", "executionRoleArn": "%s",
                     "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
                     "ephemeralStorage": {"sizeInGiB": 30},
                     "containerDefinitions": [%s]}""".formatted(EXECUTION_ROLE, container("app", "nginx")));

            assertThat(registered.additionalFields())
                    .containsEntry("runtimePlatform", Map.of("cpuArchitecture", "ARM64", "operatingSystemFamily", "LINUX"))
                    .containsEntry("ephemeralStorage", Map.of("sizeInGiB", 30));
            assertThat(registered.networkMode()).isEqualTo("awsvpc");
            assertThat(registered.executionRoleArn()).isEqualTo(EXECUTION_ROLE);
        }
    }

    @Nested
    class ProcessNamespacesAndEfs {
        @Test
        void fargateRefusesHostPidModeWithEcsMessageAndAcceptsTask() {
            String host = fargateTask("256", "512", container("app", "nginx")).replace("\"family\"",
                    "\"pidMode\": \"host\", \"family\"");
            assertRefused(host, "Tasks using the Fargate launch type do not support pidMode 'host'. "
                    + "The supported value for pidMode is 'task'.");

            String task = host.replace("\"pidMode\": \"host\"", "\"pidMode\": \"task\"");
            assertThat(normalize(task).pidMode()).isEqualTo("task");
        }

        @Test
        void ec2AcceptsHostPidModeButTheDefinitionIsNotFargateCompatible() {
            TaskDefinition registered = normalize(awsvpcTask(container("app", "nginx")).replace("\"family\"",
                    "\"pidMode\": \"host\", \"cpu\": \"256\", \"memory\": \"512\", \"family\""));

            assertThat(registered.pidMode()).isEqualTo("host");
            assertThat(registered.compatibilities()).containsExactly("EC2");
        }

        @Test
        void efsVolumeGetsRootDirectorySlashWhenOmittedAndNothingElse() {
            TaskDefinition registered = normalize("""
                    {"family": "web", "containerDefinitions": [%s],
                     "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1234"}},
                                 {"name": "own", "efsVolumeConfiguration": {"fileSystemId": "fs-1234",
                                  "rootDirectory": "/srv", "transitEncryption": "ENABLED"}},
                                 {"name": "bind", "host": {"sourcePath": "/tmp"}}]}"""
                    .formatted(container("app", "nginx")));

            assertThat(registered.volumes().get(0).additionalFields().get("efsVolumeConfiguration"))
                    .isEqualTo(Map.of("fileSystemId", "fs-1234", "rootDirectory", "/"));
            assertThat(registered.volumes().get(1).additionalFields().get("efsVolumeConfiguration"))
                    .isEqualTo(Map.of("fileSystemId", "fs-1234", "rootDirectory", "/srv", "transitEncryption", "ENABLED"));
            assertThat(registered.volumes().get(2).additionalFields()).isEmpty();
            assertThat(registered.volumes().get(2).host().sourcePath()).isEqualTo("/tmp");
        }
    }

    private static TaskDefinition normalize(String json) {
        return TaskDefinitionRules.normalize(ModelJson.read(json, TaskDefinition.class));
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> normalize(json))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.CLIENT);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static String container(String name, String image) {
        return "{\"name\": \"%s\", \"image\": \"%s\", \"memory\": 64}".formatted(name, image);
    }

    private static String ec2Task(String... containers) {
        return "{\"family\": \"web\", \"containerDefinitions\": [" + String.join(", ", containers) + "]}";
    }

    private static String awsvpcTask(String... containers) {
        return "{\"family\": \"web\", \"networkMode\": \"awsvpc\", \"containerDefinitions\": ["
                + String.join(", ", containers) + "]}";
    }

    /** A Fargate task with an execution role, so that only the sizes and the containers decide. */
    private static String fargateTask(String cpu, String memory, String... containers) {
        return """
                {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                 "cpu": "%s", "memory": "%s", "executionRoleArn": "%s", "containerDefinitions": [%s]}"""
                .formatted(cpu, memory, EXECUTION_ROLE, String.join(", ", containers));
    }
}
