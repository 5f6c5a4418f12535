package dev.ecsd.server;

import dev.ecsd.api.autoscaling.AutoScalingApi;
import dev.ecsd.api.cloudwatch.AlarmOperations;
import dev.ecsd.api.cloudwatch.CloudWatchApi;
import dev.ecsd.api.cloudwatch.MetricOperations;
import dev.ecsd.api.ecr.EcrApi;
import dev.ecsd.api.ecs.EcsApi;
import dev.ecsd.api.elbv2.ElbApi;
import dev.ecsd.api.logs.LogsApi;
import dev.ecsd.api.secretsmanager.SecretsManagerApi;
import dev.ecsd.api.ssm.SsmApi;
import dev.ecsd.api.sts.StsApi;
import dev.ecsd.control.ServiceCommands;
import dev.ecsd.control.TaskLaunch;
import dev.ecsd.control.autoscaling.ServiceScaling;
import dev.ecsd.control.images.EcrTokens;
import dev.ecsd.model.Arns;
import dev.ecsd.protocol.JsonService;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.secrets.SessionIssuer;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.server.OperationCoverage.Api;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.MemoryImageStorage;
import dev.ecsd.testing.TestServer;
import dev.ecsd.testing.VirtualTimer;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Every API ecsd serves, registered as {@link RegionStack} registers it (a new service belongs here too), over an
 * in-memory store: only their operation tables are looked at.
 */
final class ServedApis {
    private ServedApis() {
    }

    /** The APIs, Amazon ECS first. */
    static List<Api> all() {
        VirtualTimer timer = new VirtualTimer();
        StateStore store = StateStore.open(new MemoryBackend(), timer);
        Arns arns = new Arns(TestServer.REGION, TestServer.ACCOUNT);
        Random random = new Random(1);
        ServiceCommands commands = new ServiceCommands(store, random::nextLong);
        ValueCipher cipher = ValueCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
        ServiceProtocols cloudWatch = CloudWatchApi.service(List.of(new MetricOperations(null, timer)::register,
                new AlarmOperations(store, arns, () -> { })::register));
        ServiceProtocols autoScaling = AutoScalingApi.service(store, arns,
                new ServiceScaling(arns, commands, () -> UUID.randomUUID().toString()), () -> "id");
        return List.of(
                json("Amazon ECS",
                        EcsApi.service(store, arns, new TaskLaunch(arns, UUID::randomUUID, random), commands)),
                json("CloudWatch Logs", LogsApi.service(null, arns)),
                json("CloudWatch", cloudWatch),
                new Api("Elastic Load Balancing v2", "elasticloadbalancing", null,
                        ElbApi.service(store, arns, random).operations()),
                json("Application Auto Scaling", autoScaling),
                json("Secrets Manager", SecretsManagerApi.service(store, cipher, arns, random, () -> "id")),
                json("SSM Parameter Store", SsmApi.service(store, arns.region(), arns.accountId(), cipher)),
                new Api("AWS STS", StsApi.SIGNING_NAME, null, StsApi.service(new SessionIssuer(cipher),
                        arns.accountId(), timer).query().orElseThrow().operations()),
                json("Amazon ECR", EcrApi.service(store, arns.region(), arns.accountId(), new MemoryImageStorage(),
                        new EcrTokens(cipher), timer)));
    }

    private static Api json(String title, ServiceProtocols service) {
        return json(title, service.json().orElseThrow());
    }

    private static Api json(String title, JsonService service) {
        return new Api(title, service.signingName(), service.targetPrefix(), service.operations());
    }
}
