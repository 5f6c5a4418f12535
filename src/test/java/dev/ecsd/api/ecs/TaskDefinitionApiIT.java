package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.SharedServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.Volume;

/** The task definition operations over HTTP, through the AWS SDK, as users call them. */
class TaskDefinitionApiIT {
    private static final String ARN_PREFIX = "arn:aws:ecs:us-east-1:000000000000:task-definition/";
    private static final String UNABLE_TO_DESCRIBE = "Unable to describe task definition.";

    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();

    @Test
    void revisionsCountUpPerFamily() {
        Instant before = Instant.now().minusSeconds(1);

        List<TaskDefinition> web = IntStream.range(0, 3).mapToObj(i -> register("web", "nginx:1." + i)).toList();
        TaskDefinition api = register("api", "httpd");

        assertThat(web).extracting(TaskDefinition::revision).containsExactly(1, 2, 3);
        assertThat(web).extracting(TaskDefinition::taskDefinitionArn)
                .containsExactly(ARN_PREFIX + "web:1", ARN_PREFIX + "web:2", ARN_PREFIX + "web:3");
        assertThat(api.taskDefinitionArn()).isEqualTo(ARN_PREFIX + "api:1");
        assertThat(web.getLast().status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
        assertThat(web.getLast().family()).isEqualTo("web");
        assertThat(web.getLast().registeredAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(web.getLast().registeredBy()).startsWith("arn:aws:iam::000000000000:");
        assertThat(web.getLast().deregisteredAt()).isNull();
        assertThat(web.getLast().compatibilitiesAsStrings()).containsExactly("EXTERNAL", "EC2");
    }

    @Test
    void everyFieldOfTheApiSurvivesRegisterAndDescribe() {
        RegisterTaskDefinitionRequest request = everyField();
        // Guard: the request really sets every member the SDK model has, so a new API field shows up here.
        assertThat(unsetMembers(request)).isEmpty();
        assertThat(unsetMembers(request.containerDefinitions().getFirst())).isEmpty();
        assertThat(unsetMembers(request.containerDefinitions().getFirst().linuxParameters())).isEmpty();
        assertThat(unsetMembers(request.containerDefinitions().getFirst().restartPolicy())).isEmpty();
        assertThat(unsetInAll(request.containerDefinitions().getFirst().portMappings())).isEmpty();
        assertThat(unsetInAll(request.volumes())).isEmpty();

        RegisterTaskDefinitionResponse registered = ecs.registerTaskDefinition(request);
        TaskDefinition described = ecs.describeTaskDefinition(r -> r.taskDefinition("everything:1")).taskDefinition();

        for (TaskDefinition definition : List.of(registered.taskDefinition(), described)) {
            assertThat(definition.containerDefinitions()).isEqualTo(request.containerDefinitions());
            assertThat(definition.volumes()).isEqualTo(request.volumes());
            assertThat(definition.placementConstraints()).isEqualTo(request.placementConstraints());
            assertThat(definition.proxyConfiguration()).isEqualTo(request.proxyConfiguration());
            assertThat(definition.inferenceAccelerators()).isEqualTo(request.inferenceAccelerators());
            assertThat(definition.ephemeralStorage()).isEqualTo(request.ephemeralStorage());
            assertThat(definition.runtimePlatform()).isEqualTo(request.runtimePlatform());
            assertThat(definition.enableFaultInjection()).isEqualTo(request.enableFaultInjection());
            assertThat(definition.pidModeAsString()).isEqualTo("host");
            assertThat(definition.ipcModeAsString()).isEqualTo("host");
            assertThat(definition.networkModeAsString()).isEqualTo("bridge");
            assertThat(definition.requiresCompatibilitiesAsStrings()).containsExactly("EC2");
            assertThat(definition.cpu()).isEqualTo("1024");
            assertThat(definition.memory()).isEqualTo("4096");
            assertThat(definition.taskRoleArn()).isEqualTo(request.taskRoleArn());
            assertThat(definition.executionRoleArn()).isEqualTo(request.executionRoleArn());
            assertThat(definition.family()).isEqualTo("everything");
        }
        assertThat(described).isEqualTo(registered.taskDefinition());
        assertThat(registered.tags()).isEqualTo(request.tags());
    }

    @Test
    void describesByFamilyRevisionAndArn() {
        register("web", "nginx:1");
        register("web", "nginx:2");
        register("web", "nginx:3");
        register("web-app", "other");
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:3"));

        assertThat(image(describe("web"))).as("a bare family is its latest ACTIVE revision").isEqualTo("nginx:2");
        assertThat(image(describe("web:1"))).isEqualTo("nginx:1");
        assertThat(image(describe(ARN_PREFIX + "web:2"))).isEqualTo("nginx:2");
        assertThat(describe("web:3").status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(describe("web").taskDefinitionArn()).isEqualTo(ARN_PREFIX + "web:2");
    }

    @Test
    void anUnknownTaskDefinitionCannotBeDescribed() {
        register("web", "nginx");

        for (String unknown : List.of("nope", "web:2", "web-app", ARN_PREFIX + "nope:1",
                "arn:aws:ecs:us-east-1:000000000000:task-definition/web:7", "web:latest", "web:0")) {
            assertEcsError(() -> describe(unknown), ClientException.class, UNABLE_TO_DESCRIBE);
        }
    }

    @Test
    void tagsAreDescribedOnlyWhenAskedFor() {
        List<Tag> tags = List.of(Tag.builder().key("team").value("web").build(),
                Tag.builder().key("env").value("dev").build());
        RegisterTaskDefinitionResponse registered = ecs.registerTaskDefinition(minimal("web", "nginx").tags(tags).build());

        assertThat(registered.tags()).isEqualTo(tags);
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("web:1")).hasTags()).isFalse();
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("web:1").include(TaskDefinitionField.TAGS)).tags())
                .isEqualTo(tags);
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(ARN_PREFIX + "web:1")).tags()).isEqualTo(tags);
        register("plain", "nginx");
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("plain").include(TaskDefinitionField.TAGS)).tags())
                .isEmpty();
    }

    @Test
    void listsRevisionsInFamilyAndNumericRevisionOrder() {
        for (int i = 0; i < 11; i++) {
            register("web", "nginx");
        }
        register("web-app", "nginx");
        register("api", "nginx");
        register("api", "nginx");
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:2"));

        List<String> ascending = new ArrayList<>(List.of(ARN_PREFIX + "api:1", ARN_PREFIX + "api:2", ARN_PREFIX + "web:1"));
        IntStream.rangeClosed(3, 11).forEach(i -> ascending.add(ARN_PREFIX + "web:" + i));
        ascending.add(ARN_PREFIX + "web-app:1");

        assertThat(ecs.listTaskDefinitions().taskDefinitionArns()).containsExactlyElementsOf(ascending);
        assertThat(ecs.listTaskDefinitions(r -> r.sort(SortOrder.ASC)).taskDefinitionArns())
                .containsExactlyElementsOf(ascending);
        assertThat(ecs.listTaskDefinitions(r -> r.sort(SortOrder.DESC)).taskDefinitionArns())
                .containsExactlyElementsOf(ascending.reversed());
        assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("web")).taskDefinitionArns())
                .as("familyPrefix is the full family name")
                .containsExactlyElementsOf(ascending.subList(2, 12));
        assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("web").sort(SortOrder.DESC)).taskDefinitionArns())
                .startsWith(ARN_PREFIX + "web:11", ARN_PREFIX + "web:10", ARN_PREFIX + "web:9");
        assertThat(ecs.listTaskDefinitions(r -> r.status(TaskDefinitionStatus.INACTIVE)).taskDefinitionArns())
                .containsExactly(ARN_PREFIX + "web:2");
        assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("we")).taskDefinitionArns()).isEmpty();
    }

    @Test
    void listsRevisionsPageByPage() {
        for (int i = 0; i < 11; i++) {
            register("web", "nginx");
        }
        register("api", "nginx");

        for (SortOrder sort : List.of(SortOrder.ASC, SortOrder.DESC)) {
            List<String> all = ecs.listTaskDefinitions(r -> r.sort(sort)).taskDefinitionArns();
            List<String> paged = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                ListTaskDefinitionsResponse page = ecs.listTaskDefinitions(
                        r -> r.sort(sort).maxResults(5).nextToken(next));
                paged.addAll(page.taskDefinitionArns());
                pageSizes.add(page.taskDefinitionArns().size());
                token = page.nextToken();
            } while (token != null);

            assertThat(all).hasSize(12);
            assertThat(paged).as("pages in %s order", sort).containsExactlyElementsOf(all);
            assertThat(pageSizes).containsExactly(5, 5, 2);
        }
        assertThat(ecs.listTaskDefinitionsPaginator(ListTaskDefinitionsRequest.builder().maxResults(2).build())
                .taskDefinitionArns().stream().toList()).hasSize(12).doesNotHaveDuplicates();
        assertEcsError(() -> ecs.listTaskDefinitions(r -> r.maxResults(101)), EcsException.class, null);
    }

    @Test
    void listsFamiliesByPrefixAndStatus() {
        register("web", "nginx");
        register("web", "nginx");
        register("web-app", "nginx");
        register("api", "nginx");
        register("gone", "nginx");
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:1"));
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web-app:1"));
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("gone:1"));
        ecs.deleteTaskDefinitions(r -> r.taskDefinitions("gone:1"));

        assertThat(ecs.listTaskDefinitionFamilies().families())
                .as("by default both ACTIVE and INACTIVE families are listed")
                .containsExactly("api", "web", "web-app");
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.status(TaskDefinitionFamilyStatus.ALL)).families())
                .containsExactly("api", "web", "web-app");
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.status(TaskDefinitionFamilyStatus.ACTIVE)).families())
                .containsExactly("api", "web");
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.status(TaskDefinitionFamilyStatus.INACTIVE)).families())
                .containsExactly("web-app");
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("web")).families()).containsExactly("web", "web-app");
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("we").status(TaskDefinitionFamilyStatus.ACTIVE))
                .families()).containsExactly("web");

        var first = ecs.listTaskDefinitionFamilies(r -> r.maxResults(2));
        var second = ecs.listTaskDefinitionFamilies(r -> r.maxResults(2).nextToken(first.nextToken()));
        assertThat(first.families()).containsExactly("api", "web");
        assertThat(second.families()).containsExactly("web-app");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void deregisteringMakesARevisionInactive() {
        register("web", "nginx:1");
        register("web", "nginx:2");
        Instant before = Instant.now().minusSeconds(1);

        TaskDefinition deregistered = ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:2")).taskDefinition();

        assertThat(deregistered.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(deregistered.deregisteredAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(deregistered.containerDefinitions()).extracting(ContainerDefinition::image).containsExactly("nginx:2");
        TaskDefinition described = describe("web:2");
        assertThat(described.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(described.deregisteredAt()).isEqualTo(deregistered.deregisteredAt());
        assertThat(describe("web").revision()).isEqualTo(1);

        ecs.deregisterTaskDefinition(r -> r.taskDefinition(ARN_PREFIX + "web:1"));
        assertEcsError(() -> describe("web"), ClientException.class, UNABLE_TO_DESCRIBE);
        assertThat(describe("web:1").status()).isEqualTo(TaskDefinitionStatus.INACTIVE);

        TaskDefinition again = ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:2")).taskDefinition();
        assertThat(again.deregisteredAt()).as("deregistering twice changes nothing")
                .isEqualTo(deregistered.deregisteredAt());
    }

    @Test
    void deregisteringNeedsAnExistingRevision() {
        register("web", "nginx");

        assertEcsError(() -> ecs.deregisterTaskDefinition(r -> r.taskDefinition("web")), ClientException.class, null);
        assertEcsError(() -> ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:5")), ClientException.class, null);
        assertThat(describe("web:1").status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
    }

    @Test
    void deletingNeedsDeregisteredRevisions() {
        register("web", "nginx");
        register("web", "nginx");
        register("web", "nginx");
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:1"));
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:2"));

        DeleteTaskDefinitionsResponse response = ecs.deleteTaskDefinitions(
                r -> r.taskDefinitions("web:1", ARN_PREFIX + "web:2", "web:3", "web:9"));

        assertThat(response.taskDefinitions()).extracting(TaskDefinition::taskDefinitionArn)
                .containsExactly(ARN_PREFIX + "web:1", ARN_PREFIX + "web:2");
        assertThat(response.taskDefinitions()).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS);
            assertThat(d.deleteRequestedAt()).isNotNull();
            assertThat(d.deregisteredAt()).isNotNull();
        });
        assertThat(response.failures()).extracting(Failure::arn)
                .containsExactly(ARN_PREFIX + "web:3", ARN_PREFIX + "web:9");
        assertThat(response.failures()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
        assertThat(describe("web:1").status()).isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS);
        assertThat(describe("web:3").status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
        assertThat(ecs.listTaskDefinitions(r -> r.status(TaskDefinitionStatus.DELETE_IN_PROGRESS)).taskDefinitionArns())
                .containsExactly(ARN_PREFIX + "web:1", ARN_PREFIX + "web:2");
        assertThat(ecs.listTaskDefinitions(r -> r.status(TaskDefinitionStatus.INACTIVE)).taskDefinitionArns()).isEmpty();
    }

    @Test
    void deletesAtMostTenAtOnce() {
        for (int i = 0; i < 11; i++) {
            register("web", "nginx");
            int revision = i + 1;
            ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:" + revision));
        }
        List<String> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "web:" + i).toList();

        assertEcsError(() -> ecs.deleteTaskDefinitions(r -> r.taskDefinitions(eleven)), EcsException.class, null);
        assertThat(describe("web:1").status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(ecs.deleteTaskDefinitions(r -> r.taskDefinitions(eleven.subList(0, 10))).taskDefinitions()).hasSize(10);
        assertEcsError(() -> ecs.deleteTaskDefinitions(r -> r.taskDefinitions("web")), ClientException.class, null);
    }

    @Test
    void revisionNumbersKeepCountingAfterDeletion() {
        register("web", "nginx");
        register("web", "nginx");
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:1"));
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:2"));
        ecs.deleteTaskDefinitions(r -> r.taskDefinitions("web:1", "web:2"));

        assertThat(register("web", "nginx").revision()).isEqualTo(3);
        assertThat(describe("web").revision()).isEqualTo(3);
    }

    @Test
    void concurrentRegistrationsGetDistinctConsecutiveRevisions() throws Exception {
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> revisions = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String image = "nginx:" + i;
                revisions.add(pool.submit(() -> {
                    start.await();
                    return register("burst", image).revision();
                }));
            }
            start.countDown();
            Set<Integer> seen = new HashSet<>();
            for (Future<Integer> revision : revisions) {
                seen.add(revision.get(60, TimeUnit.SECONDS));
            }

            assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads).boxed().toList());
            assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("burst")).taskDefinitionArns()).hasSize(threads);
            assertThat(register("burst", "nginx").revision()).isEqualTo(threads + 1);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void registrationRefusalsAreClientExceptions() {
        assertEcsError(() -> ecs.registerTaskDefinition(r -> r.family("web").networkMode("awsvpc")
                        .requiresCompatibilitiesWithStrings("FARGATE").cpu("256").memory("4096")
                        .containerDefinitions(c -> c.name("app").image("nginx"))),
                ClientException.class, "Invalid 'cpu' setting for task. For more information, see the Troubleshooting "
                        + "section of the Amazon ECS Developer Guide.");
        assertEcsError(() -> ecs.registerTaskDefinition(r -> r.family("web")
                        .containerDefinitions(c -> c.name("app").image("nginx").memory(64).essential(false))),
                ClientException.class, "Task definition doesn't have any essential container.");
        assertEcsError(() -> ecs.registerTaskDefinition(r -> r.family("web").networkMode("awsvpc")
                        .requiresCompatibilitiesWithStrings("FARGATE").cpu("256").memory("512").pidMode("host")
                        .containerDefinitions(c -> c.name("app").image("nginx"))),
                ClientException.class, "Tasks using the Fargate launch type do not support pidMode 'host'. "
                        + "The supported value for pidMode is 'task'.");
    }

    @Test
    void anEfsVolumeWithoutRootDirectoryIsStoredWithSlashAsEcsStoresIt() {
        TaskDefinition registered = ecs.registerTaskDefinition(minimal("efs-default", "nginx")
                .volumes(v -> v.name("shared").efsVolumeConfiguration(e -> e.fileSystemId("fs-12345678")))
                .build()).taskDefinition();

        for (TaskDefinition definition : List.of(registered, describe(registered.taskDefinitionArn()))) {
            var efs = definition.volumes().getFirst().efsVolumeConfiguration();
            assertThat(efs.fileSystemId()).isEqualTo("fs-12345678");
            assertThat(efs.rootDirectory()).isEqualTo("/");
            assertThat(efs.transitEncryption()).isNull();
            assertThat(efs.authorizationConfig()).isNull();
        }
    }

    // --- helpers ---

    private TaskDefinition register(String family, String image) {
        return ecs.registerTaskDefinition(minimal(family, image).build()).taskDefinition();
    }

    private static RegisterTaskDefinitionRequest.Builder minimal(String family, String image) {
        return RegisterTaskDefinitionRequest.builder().family(family)
                .containerDefinitions(c -> c.name("app").image(image).memory(128));
    }

    private TaskDefinition describe(String taskDefinition) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)).taskDefinition();
    }

    private static String image(TaskDefinition definition) {
        return definition.containerDefinitions().getFirst().image();
    }

    /** Asserts an AWS error of the given type, with status 400 and the message given (any, if null). */
    private static void assertEcsError(ThrowingCallable call, Class<? extends EcsException> type, String message) {
        assertThatThrownBy(call).isInstanceOf(type).isInstanceOfSatisfying(EcsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }

    /** Members of an SDK object that were never set. */
    private static Set<String> unsetMembers(SdkPojo pojo) {
        Set<String> unset = new HashSet<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                unset.add(field.memberName());
            }
        }
        return unset;
    }

    /** Members that none of the SDK objects set. */
    private static Set<String> unsetInAll(List<? extends SdkPojo> pojos) {
        Set<String> unset = new HashSet<>(unsetMembers(pojos.getFirst()));
        pojos.forEach(pojo -> unset.retainAll(unsetMembers(pojo)));
        return unset;
    }

    /** A registration that sets every member of the API, with container values already as ECS stores them. */
    private RegisterTaskDefinitionRequest everyField() {
        Consumer<ContainerDefinition.Builder> app = c -> c
                .name("app")
                .image("registry.example.com/team/app:1.2.3")
                .repositoryCredentials(r -> r.credentialsParameter(
                        "arn:aws:secretsmanager:us-east-1:000000000000:secret:registry-creds"))
                .cpu(512)
                .memory(1024)
                .memoryReservation(512)
                .links("sidecar:side")
                .portMappings(
                        p -> p.containerPort(8080).hostPort(80).protocol("tcp").name("http").appProtocol("http2"),
                        p -> p.containerPortRange("9000-9010").protocol("udp"))
                .essential(true)
                .restartPolicy(r -> r.enabled(true).ignoredExitCodes(0, 143).restartAttemptPeriod(120))
                .entryPoint("/bin/sh", "-c")
                .command("exec app --port 8080")
                .environment(e -> e.name("MODE").value("prod"), e -> e.name("EMPTY").value(""))
                .environmentFiles(f -> f.value("arn:aws:s3:::bucket/app.env").type("s3"))
                .mountPoints(m -> m.sourceVolume("host-data").containerPath("/data").readOnly(true),
                        m -> m.sourceVolume("docker-cache").containerPath("/cache").readOnly(false))
                .volumesFrom(v -> v.sourceContainer("sidecar").readOnly(true))
                .linuxParameters(l -> l
                        .capabilities(k -> k.add("NET_ADMIN", "SYS_PTRACE").drop("MKNOD"))
                        .devices(d -> d.hostPath("/dev/fuse").containerPath("/dev/fuse")
                                .permissionsWithStrings("read", "write", "mknod"))
                        .initProcessEnabled(true)
                        .sharedMemorySize(256)
                        .tmpfs(t -> t.containerPath("/scratch").size(64).mountOptions("noexec", "nosuid"))
                        .maxSwap(1024)
                        .swappiness(10))
                .secrets(s -> s.name("DB_PASSWORD").valueFrom("arn:aws:secretsmanager:us-east-1:000000000000:secret:db"),
                        s -> s.name("API_KEY").valueFrom("arn:aws:ssm:us-east-1:000000000000:parameter/api-key"))
                .dependsOn(d -> d.containerName("sidecar").condition("START"))
                .startTimeout(60)
                .stopTimeout(45)
                .versionConsistency("disabled")
                .hostname("app-host")
                .user("1000:1000")
                .workingDirectory("/srv")
                .disableNetworking(false)
                .privileged(false)
                .readonlyRootFilesystem(true)
                .dnsServers("10.0.0.2", "10.0.0.3")
                .dnsSearchDomains("example.internal")
                .extraHosts(h -> h.hostname("db.internal").ipAddress("10.0.0.10"))
                .dockerSecurityOptions("no-new-privileges", "label:type:container_t")
                .interactive(true)
                .pseudoTerminal(true)
                .dockerLabels(Map.of("com.example.team", "web", "com.example.tier", "frontend"))
                .ulimits(u -> u.name("nofile").softLimit(65536).hardLimit(65536))
                .logConfiguration(l -> l.logDriver("awslogs")
                        .options(Map.of("awslogs-group", "/ecs/app", "awslogs-region", "us-east-1",
                                "awslogs-stream-prefix", "app"))
                        .secretOptions(s -> s.name("token").valueFrom("arn:aws:ssm:us-east-1:000000000000:parameter/t")))
                .healthCheck(h -> h.command("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1")
                        .interval(15).timeout(3).retries(4).startPeriod(20))
                .systemControls(s -> s.namespace("net.core.somaxconn").value("1024"))
                .resourceRequirements(r -> r.type("GPU").value("1"))
                .firelensConfiguration(f -> f.type("fluentbit").options(Map.of("enable-ecs-log-metadata", "true")))
                .credentialSpecs("credentialspec:arn:aws:s3:::bucket/spec.json");
        Consumer<ContainerDefinition.Builder> sidecar = c -> c
                .name("sidecar")
                .image("busybox")
                .cpu(0)
                .memoryReservation(64)
                .portMappings(List.of())
                .essential(false)
                .environment(List.of())
                .mountPoints(List.of())
                .volumesFrom(List.of())
                .systemControls(List.of());
        List<Volume> volumes = List.of(
                Volume.builder().name("host-data").host(h -> h.sourcePath("/srv/data")).build(),
                Volume.builder().name("docker-cache").dockerVolumeConfiguration(d -> d.scope("shared").autoprovision(true)
                        .driver("local").driverOpts(Map.of("type", "tmpfs")).labels(Map.of("purpose", "cache"))).build(),
                Volume.builder().name("efs").efsVolumeConfiguration(e -> e.fileSystemId("fs-12345678").rootDirectory("/")
                        .transitEncryption("ENABLED").transitEncryptionPort(2049)
                        .authorizationConfig(a -> a.accessPointId("fsap-1234").iam("ENABLED"))).build(),
                Volume.builder().name("fsx").fsxWindowsFileServerVolumeConfiguration(f -> f.fileSystemId("fs-0123")
                        .rootDirectory("share").authorizationConfig(a -> a.credentialsParameter(
                                "arn:aws:secretsmanager:us-east-1:000000000000:secret:fsx").domain("example.com")))
                        .build(),
                Volume.builder().name("s3files").s3filesVolumeConfiguration(s -> s
                        .fileSystemArn("arn:aws:s3files:us-east-1:000000000000:file-system/fs-1")
                        .rootDirectory("/").transitEncryptionPort(2049)
                        .accessPointArn("arn:aws:s3files:us-east-1:000000000000:access-point/ap-1")).build(),
                Volume.builder().name("late").configuredAtLaunch(true).build());
        return RegisterTaskDefinitionRequest.builder()
                .family("everything")
                .taskRoleArn("arn:aws:iam::000000000000:role/app")
                .executionRoleArn("arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
                .networkMode("bridge")
                .containerDefinitions(List.of(ContainerDefinition.builder().applyMutation(app).build(),
                        ContainerDefinition.builder().applyMutation(sidecar).build()))
                .volumes(volumes)
                .placementConstraints(p -> p.type("memberOf").expression("attribute:ecs.instance-type =~ t3.*"))
                .requiresCompatibilitiesWithStrings("EC2")
                .cpu("1024")
                .memory("4096")
                .tags(Tag.builder().key("team").value("web").build())
                .pidMode("host")
                .ipcMode("host")
                .proxyConfiguration(p -> p.type("APPMESH").containerName("sidecar")
                        .properties(k -> k.name("IgnoredUID").value("1337"), k -> k.name("ProxyIngressPort").value("15000")))
                .inferenceAccelerators(i -> i.deviceName("device1").deviceType("eia2.medium"))
                .ephemeralStorage(e -> e.sizeInGiB(30))
                .runtimePlatform(r -> r.cpuArchitecture("X86_64").operatingSystemFamily("LINUX"))
                .enableFaultInjection(true)
                .build();
    }
}
