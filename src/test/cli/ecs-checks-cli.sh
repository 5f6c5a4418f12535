#!/usr/bin/env bash
# Checks ECS's remaining checks of issue 11 (items 6 and 7) through the AWS CLI v2 that Debian ships, and curl for
# ecsd's own Spot interruption route: Fargate's pidMode, an EFS volume's default rootDirectory, a service role
# without load balancers, a deleted cluster, DescribeServices' failures, a task's zone and subnet, and a Fargate
# Spot interruption.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/ecs-checks-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
require_cli_v2

CLUSTER="ecs-checks-cli-$$"
GONE="ecs-checks-gone-$$"
NETWORK='awsvpcConfiguration={subnets=[subnet-3],securityGroups=[sg-12345678]}'

expect "create-cluster with both Fargate capacity providers" "ACTIVE" "cluster.status"
check create-cluster --cluster-name "$CLUSTER" --capacity-providers FARGATE FARGATE_SPOT

expect_error "Fargate refuses pidMode host" ClientException \
  "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'." \
  register-task-definition --family "checks-pid-$$" --network-mode awsvpc --requires-compatibilities FARGATE \
  --cpu 256 --memory 512 --pid-mode host --container-definitions '[{"name": "app", "image": "busybox"}]'

expect "an EFS volume without rootDirectory is stored with /" "/" \
  "taskDefinition.volumes[0].efsVolumeConfiguration.rootDirectory"
expect "and nothing else is filled in" "None" "taskDefinition.volumes[0].efsVolumeConfiguration.transitEncryption"
check register-task-definition --family "checks-efs-$$" \
  --container-definitions '[{"name": "app", "image": "busybox", "memory": 64}]' \
  --volumes '[{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678"}}]'

WEB=$(aws_ecs register-task-definition --family "checks-web-$$" --network-mode awsvpc \
  --requires-compatibilities FARGATE --cpu 256 --memory 512 \
  --container-definitions '[{"name": "app", "image": "busybox"}]' \
  --query taskDefinition.taskDefinitionArn --output text)

expect_error "a service role without load balancers is refused" InvalidParameterException \
  "IAM roles are only valid for services configured to use load balancers." \
  create-service --cluster "$CLUSTER" --service-name web --task-definition "$WEB" --desired-count 1 \
  --launch-type FARGATE --network-configuration "$NETWORK" --role ecsServiceRole

expect "describe-services names a missing service by its long ARN" "$ECS_ARN:service/$CLUSTER/ghost MISSING" \
  "join(' ', [failures[0].arn, failures[0].reason])"
check describe-services --cluster "$CLUSTER" --services ghost

expect "a task in subnet-3 is in zone b of its region" "${AWS_DEFAULT_REGION}b" "tasks[0].availabilityZone"
expect "its ENI names the subnet" "subnet-3" "tasks[0].attachments[0].details[?name=='subnetId'].value | [0]"
check run-task --cluster "$CLUSTER" --task-definition "$WEB" --launch-type FARGATE --network-configuration "$NETWORK"
ON_DEMAND=$(aws_ecs list-tasks --cluster "$CLUSTER" --query 'taskArns[0]' --output text)

SPOT=$(aws_ecs run-task --cluster "$CLUSTER" --task-definition "$WEB" \
  --capacity-provider-strategy capacityProvider=FARGATE_SPOT,weight=1 --network-configuration "$NETWORK" \
  --query 'tasks[0].taskArn' --output text)

# interrupt TASK_ARN: POSTs to ecsd's Spot interruption route, signed as curl signs; prints the HTTP status.
interrupt() {
  local task
  task=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1")
  curl -s -o "$WORK/interruption" -w '%{http_code}' -X POST \
    --aws-sigv4 "aws:amz:$AWS_DEFAULT_REGION:ecsd" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
    "$ECSD_ENDPOINT/_ecsd/spot-interruption?task=$task"
}

same "the Spot interruption route interrupts a FARGATE_SPOT task" "200" "$(interrupt "$SPOT")"
expect "the interrupted task is stopping" "STOPPED" "tasks[0].desiredStatus"
expect "with ECS's stop code" "SpotInterruption" "tasks[0].stopCode"
expect "and ECS's reason" "Your Spot Task was interrupted." "tasks[0].stoppedReason"
check describe-tasks --cluster "$CLUSTER" --tasks "$SPOT"
same "a FARGATE task cannot be interrupted" "400" "$(interrupt "$ON_DEMAND")"
grep -q "only Fargate Spot tasks can be interrupted" "$WORK/interruption" \
  || fail "the refusal says why: $(cat "$WORK/interruption")"
passed "the refusal says why"

aws_ecs create-cluster --cluster-name "$GONE" >/dev/null
expect "delete-cluster answers the cluster INACTIVE" "INACTIVE" "cluster.status"
check delete-cluster --cluster "$GONE"
expect "a deleted cluster is still described, INACTIVE" "INACTIVE" "clusters[0].status"
check describe-clusters --clusters "$GONE"
same "but no longer listed" "0" \
  "$(aws_ecs list-clusters --query "length(clusterArns[?contains(@, '/$GONE')])" --output text)"

aws_ecs stop-task --cluster "$CLUSTER" --task "$ON_DEMAND" >/dev/null

echo "OK: $CHECKS checks of ECS's remaining checks, zones and Spot through the aws CLI"
