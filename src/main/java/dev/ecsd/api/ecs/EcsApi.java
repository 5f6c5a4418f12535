package dev.ecsd.api.ecs;

import dev.ecsd.control.ServiceCommands;
import dev.ecsd.control.TaskLaunch;
import dev.ecsd.model.Arns;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.JsonService;
import dev.ecsd.state.StateStore;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskSetRequest;

/** The Amazon ECS API on the shared endpoint: its operation table. */
public final class EcsApi {
    public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";
    public static final String SIGNING_NAME = "ecs";

    private EcsApi() {
    }

    /** The ECS API with ECS's default quotas. */
    public static JsonService service(StateStore store, Arns arns, TaskLaunch launch, ServiceCommands commands) {
        return service(store, arns, launch, commands, EcsQuotas.ECS);
    }

    public static JsonService service(StateStore store, Arns arns, TaskLaunch launch, ServiceCommands commands,
            EcsQuotas quotas) {
        EcsResources resources = new EcsResources(arns);
        ServiceOperations services = new ServiceOperations(store, resources, commands, quotas);
        TaskOperations tasks = new TaskOperations(store, resources, launch, quotas);
        AccountSettingOperations accountSettings = new AccountSettingOperations(store, arns.accountId());
        ClusterOperations clusters = new ClusterOperations(store, resources, accountSettings, quotas);
        TaskDefinitionOperations taskDefinitions = new TaskDefinitionOperations(store, resources, quotas);
        TagOperations tags = new TagOperations(store, resources);
        TaskProtectionOperations protection = new TaskProtectionOperations(store, resources);
        CapacityProviderOperations capacityProviders = new CapacityProviderOperations(resources);
        ServiceDeploymentOperations history = new ServiceDeploymentOperations(store, resources, commands);
        TaskSetOperations taskSets = new TaskSetOperations(store, resources, commands);
        return JsonService.builder(TARGET_PREFIX, SIGNING_NAME, EcsClient.class)
                .add(JsonOperation.of("CreateCluster", CreateClusterRequest::builder, clusters::createCluster))
                .add(JsonOperation.of("DescribeClusters", DescribeClustersRequest::builder, clusters::describeClusters))
                .add(JsonOperation.of("ListClusters", ListClustersRequest::builder, clusters::listClusters))
                .add(JsonOperation.of("DeleteCluster", DeleteClusterRequest::builder, clusters::deleteCluster, "cluster"))
                .add(JsonOperation.of("UpdateCluster", UpdateClusterRequest::builder, clusters::updateCluster, "cluster"))
                .add(JsonOperation.of("UpdateClusterSettings", UpdateClusterSettingsRequest::builder,
                        clusters::updateClusterSettings, "cluster", "settings"))
                .add(JsonOperation.of("PutClusterCapacityProviders", PutClusterCapacityProvidersRequest::builder,
                        clusters::putClusterCapacityProviders, "cluster", "capacityProviders",
                        "defaultCapacityProviderStrategy"))
                .add(JsonOperation.of("DescribeCapacityProviders", DescribeCapacityProvidersRequest::builder,
                        capacityProviders::describeCapacityProviders))
                .add(JsonOperation.of("RegisterTaskDefinition", RegisterTaskDefinitionRequest::builder,
                        taskDefinitions::registerTaskDefinition, "family", "containerDefinitions"))
                .add(JsonOperation.of("DescribeTaskDefinition", DescribeTaskDefinitionRequest::builder,
                        taskDefinitions::describeTaskDefinition, "taskDefinition"))
                .add(JsonOperation.of("ListTaskDefinitions", ListTaskDefinitionsRequest::builder,
                        taskDefinitions::listTaskDefinitions))
                .add(JsonOperation.of("ListTaskDefinitionFamilies", ListTaskDefinitionFamiliesRequest::builder,
                        taskDefinitions::listTaskDefinitionFamilies))
                .add(JsonOperation.of("DeregisterTaskDefinition", DeregisterTaskDefinitionRequest::builder,
                        taskDefinitions::deregisterTaskDefinition, "taskDefinition"))
                .add(JsonOperation.of("DeleteTaskDefinitions", DeleteTaskDefinitionsRequest::builder,
                        taskDefinitions::deleteTaskDefinitions, "taskDefinitions"))
                .add(JsonOperation.of("RunTask", RunTaskRequest::builder, tasks::runTask, "taskDefinition"))
                .add(JsonOperation.of("StartTask", StartTaskRequest::builder, tasks::startTask,
                        "taskDefinition", "containerInstances"))
                .add(JsonOperation.of("StopTask", StopTaskRequest::builder, tasks::stopTask, "task"))
                .add(JsonOperation.of("DescribeTasks", DescribeTasksRequest::builder, tasks::describeTasks, "tasks"))
                .add(JsonOperation.of("ListTasks", ListTasksRequest::builder, tasks::listTasks))
                .add(JsonOperation.of("UpdateTaskProtection", UpdateTaskProtectionRequest::builder,
                        protection::updateTaskProtection, "cluster", "tasks", "protectionEnabled"))
                .add(JsonOperation.of("GetTaskProtection", GetTaskProtectionRequest::builder,
                        protection::getTaskProtection, "cluster"))
                .add(JsonOperation.of("CreateService", CreateServiceRequest::builder, services::createService,
                        "serviceName"))
                .add(JsonOperation.of("UpdateService", UpdateServiceRequest::builder, services::updateService, "service"))
                .add(JsonOperation.of("DescribeServices", DescribeServicesRequest::builder, services::describeServices,
                        "services"))
                .add(JsonOperation.of("ListServices", ListServicesRequest::builder, services::listServices))
                .add(JsonOperation.of("DeleteService", DeleteServiceRequest::builder, services::deleteService, "service"))
                .add(JsonOperation.of("TagResource", TagResourceRequest::builder, tags::tagResource, "resourceArn", "tags"))
                .add(JsonOperation.of("UntagResource", UntagResourceRequest::builder, tags::untagResource,
                        "resourceArn", "tagKeys"))
                .add(JsonOperation.of("ListTagsForResource", ListTagsForResourceRequest::builder,
                        tags::listTagsForResource, "resourceArn"))
                .add(JsonOperation.of("PutAccountSetting", PutAccountSettingRequest::builder,
                        accountSettings::putAccountSetting, "name", "value"))
                .add(JsonOperation.of("PutAccountSettingDefault", PutAccountSettingDefaultRequest::builder,
                        accountSettings::putAccountSettingDefault, "name", "value"))
                .add(JsonOperation.of("ListAccountSettings", ListAccountSettingsRequest::builder,
                        accountSettings::listAccountSettings))
                .add(JsonOperation.of("DeleteAccountSetting", DeleteAccountSettingRequest::builder,
                        accountSettings::deleteAccountSetting, "name"))
                .add(JsonOperation.of("ListServiceDeployments", ListServiceDeploymentsRequest::builder,
                        history::listServiceDeployments, "service"))
                .add(JsonOperation.of("DescribeServiceDeployments", DescribeServiceDeploymentsRequest::builder,
                        history::describeServiceDeployments, "serviceDeploymentArns"))
                .add(JsonOperation.of("DescribeServiceRevisions", DescribeServiceRevisionsRequest::builder,
                        history::describeServiceRevisions, "serviceRevisionArns"))
                .add(JsonOperation.of("StopServiceDeployment", StopServiceDeploymentRequest::builder,
                        history::stopServiceDeployment, "serviceDeploymentArn"))
                .add(JsonOperation.of("CreateTaskSet", CreateTaskSetRequest::builder, taskSets::createTaskSet,
                        "service", "cluster", "taskDefinition"))
                .add(JsonOperation.of("DescribeTaskSets", DescribeTaskSetsRequest::builder, taskSets::describeTaskSets,
                        "cluster", "service"))
                .add(JsonOperation.of("UpdateTaskSet", UpdateTaskSetRequest::builder, taskSets::updateTaskSet,
                        "cluster", "service", "taskSet", "scale"))
                .add(JsonOperation.of("UpdateServicePrimaryTaskSet", UpdateServicePrimaryTaskSetRequest::builder,
                        taskSets::updateServicePrimaryTaskSet, "cluster", "service", "primaryTaskSet"))
                .add(JsonOperation.of("DeleteTaskSet", DeleteTaskSetRequest::builder, taskSets::deleteTaskSet,
                        "cluster", "service", "taskSet"))
                .build();
    }
}
