#!/usr/bin/env bash
# Acceptance test of the foundation issue with the real AWS CLI v2: clusters and task definitions, as a user
# types them. Stops at the first answer that differs from what ECS answers, saying what differed.
#
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/foundation.sh
# Needs a fresh ecsd (the first registration of web-app must be revision 1). Credentials and region come from
# the environment, test/test and us-east-1 when unset.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

require_cli_v2

# --- clusters ---
expect "create-cluster answers the cluster's long ARN" "$ECS_ARN:cluster/my-cluster" 'cluster.clusterArn'
expect "its name" "my-cluster" 'cluster.clusterName'
expect "status ACTIVE" "ACTIVE" 'cluster.status'
expect "no instances, tasks or services" "0,0,0,0" 'join(`,`, [to_string(cluster.registeredContainerInstancesCount),
  to_string(cluster.runningTasksCount), to_string(cluster.pendingTasksCount), to_string(cluster.activeServicesCount)])'
check create-cluster --cluster-name my-cluster

expect "create-cluster with Fargate capacity providers" "FARGATE,FARGATE_SPOT" 'join(`,`, cluster.capacityProviders)'
expect "the default strategy with base filled in" "FARGATE:1:0,FARGATE_SPOT:1:0" \
  'join(`,`, cluster.defaultCapacityProviderStrategy[].join(`:`, [capacityProvider, to_string(weight), to_string(base)]))'
check create-cluster --cluster-name fargate-cluster --capacity-providers FARGATE FARGATE_SPOT \
  --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1 capacityProvider=FARGATE_SPOT,weight=1

expect "list-clusters lists both" "$ECS_ARN:cluster/fargate-cluster,$ECS_ARN:cluster/my-cluster" \
  'join(`,`, sort(clusterArns))'
check list-clusters

expect "describe-clusters of a missing cluster answers a failure for its ARN" "$ECS_ARN:cluster/missing" 'failures[0].arn'
expect "with reason MISSING" "MISSING" 'failures[0].reason'
expect "and no cluster" "0" 'length(clusters)'
check describe-clusters --clusters missing

expect_error "delete-cluster of a missing cluster" ClusterNotFoundException "Cluster not found." \
  delete-cluster --cluster missing

# --- task definitions ---
expect "register-task-definition --cli-input-json answers the long ARN" "$ECS_ARN:task-definition/web-app:1" \
  'taskDefinition.taskDefinitionArn'
expect "revision 1" "1" 'taskDefinition.revision'
expect "status ACTIVE" "ACTIVE" 'taskDefinition.status'
check register-task-definition --cli-input-json "file://$HERE/web-app-task-definition.json"

container='taskDefinition.containerDefinitions[0]'
expect "describe-task-definition family:revision" "$ECS_ARN:task-definition/web-app:1" 'taskDefinition.taskDefinitionArn'
expect "family" "web-app" 'taskDefinition.family'
expect "revision" "1" 'taskDefinition.revision'
expect "status" "ACTIVE" 'taskDefinition.status'
expect "task cpu, memory and network mode as registered" "256,512,awsvpc" \
  'join(`,`, [taskDefinition.cpu, taskDefinition.memory, taskDefinition.networkMode])'
expect "a valid Fargate definition is compatible with EC2 and FARGATE" "EC2,FARGATE" \
  'join(`,`, taskDefinition.compatibilities)'
expect "requiresCompatibilities as registered" "FARGATE" 'join(`,`, taskDefinition.requiresCompatibilities)'
expect "the awsvpc hostPort is filled with the containerPort" "80:80:tcp" \
  "join(\`:\`, [to_string($container.portMappings[0].containerPort), to_string($container.portMappings[0].hostPort), $container.portMappings[0].protocol])"
expect "the health check gets ECS's defaults (interval, timeout, retries)" "30,5,3" \
  "join(\`,\`, [to_string($container.healthCheck.interval), to_string($container.healthCheck.timeout), to_string($container.healthCheck.retries)])"
expect "and no startPeriod" "None" "$container.healthCheck.startPeriod"
expect "the health check command as registered" "CMD-SHELL|curl -f http://localhost/ || exit 1" \
  "join(\`|\`, $container.healthCheck.command)"
expect "a container is essential by default" "True" "$container.essential"
expect "container cpu defaults to 0" "0" "$container.cpu"
expect "environment in order" "APP_ENV=dev,LOG_LEVEL=info" "join(\`,\`, $container.environment[].join(\`=\`, [name, value]))"
expect "secrets" "DB_PASSWORD,API_KEY" "join(\`,\`, $container.secrets[].name)"
expect "awslogs options" "/ecs/web-app:us-east-1:web" \
  "join(\`:\`, [$container.logConfiguration.options.\"awslogs-group\", $container.logConfiguration.options.\"awslogs-region\", $container.logConfiguration.options.\"awslogs-stream-prefix\"])"
expect "requiresAttributes name awslogs, secrets, health check and ENI" "true,true,true,true" \
  'join(`,`, [to_string(contains(taskDefinition.requiresAttributes[].name, `"com.amazonaws.ecs.capability.logging-driver.awslogs"`)),
    to_string(contains(taskDefinition.requiresAttributes[].name, `"ecs.capability.secrets.asm.environment-variables"`)),
    to_string(contains(taskDefinition.requiresAttributes[].name, `"ecs.capability.container-health-check"`)),
    to_string(contains(taskDefinition.requiresAttributes[].name, `"ecs.capability.task-eni"`))])'
expect "registeredBy names a principal" "arn:aws:iam::$ACCOUNT:root" 'taskDefinition.registeredBy'
expect "--include TAGS answers the (empty) tags" "0" 'length(tags)'
check describe-task-definition --task-definition web-app:1 --include TAGS

expect "a second registration is revision 2" "2" 'taskDefinition.revision'
check register-task-definition --cli-input-json "file://$HERE/web-app-task-definition.json"

expect "a bare family describes the latest ACTIVE revision" "$ECS_ARN:task-definition/web-app:2" \
  'taskDefinition.taskDefinitionArn'
check describe-task-definition --task-definition web-app

expect "list-task-definitions --family-prefix" "$ECS_ARN:task-definition/web-app:1,$ECS_ARN:task-definition/web-app:2" \
  'join(`,`, taskDefinitionArns)'
check list-task-definitions --family-prefix web-app

expect "deregister-task-definition makes the revision INACTIVE" "INACTIVE" 'taskDefinition.status'
expect "and says when" "true" 'to_string(taskDefinition.deregisteredAt != null)'
check deregister-task-definition --task-definition web-app:2

expect "the bare family now describes revision 1" "1" 'taskDefinition.revision'
check describe-task-definition --task-definition web-app

expect "list-task-definition-families" "web-app" 'join(`,`, families)'
check list-task-definition-families

expect_error "describe-task-definition of an unknown family" ClientException "Unable to describe task definition." \
  describe-task-definition --task-definition no-such-family
expect_error "describe-task-definition of an unknown revision" ClientException "Unable to describe task definition." \
  describe-task-definition --task-definition web-app:99
expect_error "a Fargate memory its cpu does not offer" ClientException "Invalid 'cpu' setting for task." \
  register-task-definition --family bad --network-mode awsvpc --requires-compatibilities FARGATE --cpu 256 \
  --memory 4096 --container-definitions '[{"name": "app", "image": "nginx"}]'
expect_error "a task definition without an essential container" ClientException \
  "Task definition doesn't have any essential container." \
  register-task-definition --family bad \
  --container-definitions '[{"name": "app", "image": "nginx", "memory": 64, "essential": false}]'

echo "$CHECKS checks passed against $ECSD_ENDPOINT"
