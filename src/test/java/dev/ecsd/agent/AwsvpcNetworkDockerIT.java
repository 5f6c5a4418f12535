package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.DockerServer;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.LocalHttp;
import dev.ecsd.testing.RequiresDocker;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What an awsvpc task is on a real Docker Engine, through RunTask: a task of one container is that container alone,
 * holding the task's network; a task of several has a pause container whose namespace they share. Either way its
 * port answers on 127.0.0.1 and DescribeTasks shows the ENI ATTACHED at the network holder's address.
 */
@RequiresDocker
class AwsvpcNetworkDockerIT {
    private static final String CLUSTER = "awsvpc-network-it";
    /** Serves $BODY on 8080; exits on SIGTERM (an httpd as PID 1 would ignore it until the stop timeout). */
    private static final String WEB = "echo \"$BODY\" > /var/www/index.html; trap 'exit 0' TERM; "
            + "httpd -f -p 8080 -h /var/www & wait";

    @RegisterExtension
    static final DockerServer server = DockerServer.withCluster(CLUSTER);
    private final EcsTasks tasks = server.tasks();

    @Test
    void aTaskOfOneContainerRunsItAloneOnTheBridgeWithTheTasksPortAndAddress() {
        String arn = tasks.run(tasks.register("alone", web("one container")));

        Task running = tasks.awaitStatus(arn, "RUNNING");

        Map<String, ContainerObservation> engine = onTheEngine(arn);
        assertThat(engine).as("no pause container").containsOnlyKeys("web");
        ContainerObservation web = engine.get("web");
        assertThat(DockerCli.inspect(web.id()).path("HostConfig").path("NetworkMode").asText()).isEqualTo("bridge");
        NetworkBinding binding = onlyBinding(running);
        assertThat(binding.bindIP()).isEqualTo("127.0.0.1");
        assertThat(binding.containerPort()).isEqualTo(8080);
        assertThat(LocalHttp.awaitBody(binding.hostPort(), EcsTasks.PATIENCE)).isEqualTo("one container\n");
        assertAttachedAt(running, web.ipAddress());

        tasks.awaitStatus(stop(arn), "STOPPED");
        assertThat(DockerCli.containerIds(ContainerSpecs.LABEL_TASK_ARN, arn)).isEmpty();
    }

    @Test
    void aTaskOfTwoContainersSharesThePauseContainersNetworkAndLocalhost() {
        String arn = tasks.run(tasks.register("pair", web("two containers"),
                ContainerDefinition.builder().name("probe").image(server.busybox()).essential(true)
                        .command("sh", "-c", "until wget -q -O /tmp/page http://localhost:8080/; do sleep 1; done; "
                                + "echo reached $(cat /tmp/page); trap 'exit 0' TERM; sleep 600 & wait")
                        .build()));

        Task running = tasks.awaitStatus(arn, "RUNNING");

        Map<String, ContainerObservation> engine = onTheEngine(arn);
        assertThat(engine).containsOnlyKeys("web", "probe", ContainerSpecs.PAUSE_CONTAINER_NAME);
        String pauseId = engine.get(ContainerSpecs.PAUSE_CONTAINER_NAME).id();
        for (String name : List.of("web", "probe")) {
            assertThat(DockerCli.inspect(engine.get(name).id()).path("HostConfig").path("NetworkMode").asText())
                    .as("%s joins the pause container", name).isEqualTo("container:" + pauseId);
        }
        NetworkBinding binding = onlyBinding(running);
        assertThat(binding.bindIP()).isEqualTo("127.0.0.1");
        assertThat(LocalHttp.awaitBody(binding.hostPort(), EcsTasks.PATIENCE)).isEqualTo("two containers\n");
        String probe = engine.get("probe").id();
        assertThat(await("the probe to reach web on localhost").atMost(EcsTasks.PATIENCE)
                .until(() -> DockerCli.logs(probe), logs -> logs.contains("reached")))
                .contains("reached two containers");
        assertAttachedAt(running, engine.get(ContainerSpecs.PAUSE_CONTAINER_NAME).ipAddress());

        tasks.awaitStatus(stop(arn), "STOPPED");
        assertThat(DockerCli.containerIds(ContainerSpecs.LABEL_TASK_ARN, arn)).isEmpty();
    }

    private static ContainerDefinition web(String body) {
        return ContainerDefinition.builder().name("web").image(server.busybox()).essential(true)
                .command("sh", "-c", WEB)
                .portMappings(PortMapping.builder().containerPort(8080).build())
                .environment(KeyValuePair.builder().name("BODY").value(body).build())
                .build();
    }

    private static String stop(String arn) {
        server.ecs().stopTask(b -> b.cluster(CLUSTER).task(arn));
        return arn;
    }

    /** The task's containers on the engine by their container-name label. */
    private static Map<String, ContainerObservation> onTheEngine(String taskArn) {
        return server.docker().listContainers(Map.of(ContainerSpecs.LABEL_TASK_ARN, taskArn,
                        ContainerSpecs.LABEL_INSTANCE, server.instanceId())).stream()
                .collect(Collectors.toMap(c -> c.labels().get(ContainerSpecs.LABEL_CONTAINER_NAME), c -> c));
    }

    private static NetworkBinding onlyBinding(Task task) {
        List<NetworkBinding> bindings = task.containers().stream().filter(c -> c.name().equals("web")).findFirst()
                .orElseThrow().networkBindings();
        assertThat(bindings).as("networkBindings of web").hasSize(1);
        return bindings.getFirst();
    }

    private static void assertAttachedAt(Task task, String address) {
        assertThat(address).as("the network holder's address on the engine").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        Attachment eni = task.attachments().getFirst();
        assertThat(eni.status()).isEqualTo("ATTACHED");
        assertThat(eni.details()).contains(KeyValuePair.builder().name("privateIPv4Address").value(address).build(),
                KeyValuePair.builder().name("privateDnsName")
                        .value("ip-" + address.replace('.', '-') + ".ec2.internal").build());
        assertThat(task.containers()).allSatisfy(c -> assertThat(c.networkInterfaces()).singleElement()
                .satisfies(ni -> {
                    assertThat(ni.attachmentId()).isEqualTo(eni.id());
                    assertThat(ni.privateIpv4Address()).isEqualTo(address);
                }));
    }
}
