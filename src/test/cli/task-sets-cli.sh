#!/usr/bin/env bash
# Checks services with the EXTERNAL deployment controller through the AWS CLI v2 that Debian ships: create-service
# --deployment-controller type=EXTERNAL, create-task-set, describe-task-sets, update-service-primary-task-set,
# update-task-set and delete-task-set in a blue/green switch whose tasks follow, a CODE_DEPLOY service's first task
# set, and ECS's errors.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/task-sets-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws. Tasks may
# run on any runtime (the images are never pulled by the simulated one); the cluster is deleted at the end.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
require_cli_v2
WAIT_SECONDS=${ECSD_WAIT_SECONDS:-120}

CLUSTER="task-sets-cli-$$"
NET='awsvpcConfiguration={subnets=[subnet-12345678],securityGroups=[sg-12345678],assignPublicIp=DISABLED}'

register() {
  aws_ecs register-task-definition --family "task-sets-cli-$$" --requires-compatibilities FARGATE \
    --network-mode awsvpc --cpu 256 --memory 512 \
    --container-definitions "[{\"name\":\"web\",\"image\":\"registry.example/web:$1\",\"essential\":true}]" \
    --query taskDefinition.taskDefinitionArn --output text
}

create_set() {
  aws_ecs create-task-set --cluster "$CLUSTER" --service web --task-definition "$1" --launch-type FARGATE \
    --network-configuration "$NET" --scale "unit=PERCENT,value=$2" --external-id "$3" --query taskSet.id --output text
}

aws_ecs create-cluster --cluster-name "$CLUSTER" >/dev/null
TD1=$(register 1)
TD2=$(register 2)

expect "create-service takes the EXTERNAL deployment controller" "EXTERNAL" "service.deploymentController.type"
expect "and starts no deployment" "0" "length(service.deployments)"
expect "nor any task set" "0" "length(service.taskSets)"
check create-service --cluster "$CLUSTER" --service-name web --desired-count 2 --deployment-controller type=EXTERNAL

BLUE=$(create_set "$TD1" 100 blue)
[[ "$BLUE" =~ ^ecs-svc/[0-9]{19}$ ]] || fail "create-task-set: an id ecs-svc/<19 digits>, got '$BLUE'"
passed "create-task-set answers an id ecs-svc/<19 digits>"

expect "describe-task-sets: the set's ARN" "$ECS_ARN:task-set/$CLUSTER/web/$BLUE" "taskSets[0].taskSetArn"
expect "a new set is ACTIVE" "ACTIVE" "taskSets[0].status"
expect "its computed desired count is 100% of 2" "2" "taskSets[0].computedDesiredCount"
expect "its scale" "100.0 PERCENT" "join(' ', [to_string(taskSets[0].scale.value), taskSets[0].scale.unit])"
expect "its external id" "blue" "taskSets[0].externalId"
expect "its task definition" "$TD1" "taskSets[0].taskDefinition"
check describe-task-sets --cluster "$CLUSTER" --service web --task-sets "$BLUE"

expect "blue runs its two tasks" "2" "taskSets[0].runningCount"
expect "and is in a steady state" "STEADY_STATE" "taskSets[0].stabilityStatus"
wait_until "blue runs two tasks, STEADY_STATE" describe-task-sets --cluster "$CLUSTER" --service web --task-sets "$BLUE"
same "blue's tasks are started by the set" "$BLUE $BLUE" "$(aws_ecs describe-tasks --cluster "$CLUSTER" \
  --tasks $(aws_ecs list-tasks --cluster "$CLUSTER" --service-name web --query 'taskArns' --output text) \
  --query "join(' ', tasks[].startedBy)" --output text)"

GREEN=$(create_set "$TD2" 0 green)
expect "green at 0% computes no task" "0" "taskSets[0].computedDesiredCount"
check describe-task-sets --cluster "$CLUSTER" --service web --task-sets "$GREEN"

expect "update-service-primary-task-set makes blue PRIMARY" "PRIMARY" "taskSet.status"
check update-service-primary-task-set --cluster "$CLUSTER" --service web --primary-task-set "$BLUE"
expect "then green" "PRIMARY" "taskSet.status"
check update-service-primary-task-set --cluster "$CLUSTER" --service web --primary-task-set "$GREEN"
expect "the service takes the primary set's task definition" "$TD2" "services[0].taskDefinition"
expect "and blue is ACTIVE again" "ACTIVE" "services[0].taskSets[?id=='$BLUE'] | [0].status"
check describe-services --cluster "$CLUSTER" --services web

expect "update-task-set scales green to 100%" "2" "taskSet.computedDesiredCount"
check update-task-set --cluster "$CLUSTER" --service web --task-set "$GREEN" --scale unit=PERCENT,value=100
expect "green runs two tasks" "2" "taskSets[0].runningCount"
wait_until "green runs two tasks" describe-task-sets --cluster "$CLUSTER" --service web --task-sets "$GREEN"

expect "update-task-set scales blue to 0%" "0" "taskSet.computedDesiredCount"
check update-task-set --cluster "$CLUSTER" --service web --task-set "$BLUE" --scale unit=PERCENT,value=0
expect "blue's tasks stopped" "0 0" "join(' ', [to_string(taskSets[0].runningCount), to_string(taskSets[0].pendingCount)])"
wait_until "blue stopped its tasks" describe-task-sets --cluster "$CLUSTER" --service web --task-sets "$BLUE"

expect_error "the primary set cannot be deleted" InvalidParameterException "Primary TaskSet cannot be deleted" \
  delete-task-set --cluster "$CLUSTER" --service web --task-set "$GREEN" --force
expect_error "a missing set" TaskSetNotFoundException "The specified task set does not exist." \
  update-task-set --cluster "$CLUSTER" --service web --task-set ecs-svc/1234567890123456789 \
  --scale unit=PERCENT,value=50
expect_error "a scale above 100%" InvalidParameterException "between 0 and 100" \
  update-task-set --cluster "$CLUSTER" --service web --task-set "$BLUE" --scale unit=PERCENT,value=150
expect_error "update-service refuses a task definition" InvalidParameterException \
  "Unable to update task definition on services with a EXTERNAL deployment controller." \
  update-service --cluster "$CLUSTER" --service web --task-definition "$TD1"

expect "delete-task-set leaves blue DRAINING" "DRAINING" "taskSet.status"
check delete-task-set --cluster "$CLUSTER" --service web --task-set "$BLUE"
expect "until it is gone, green alone left" "$GREEN" "join(' ', services[0].taskSets[].id)"
wait_until "blue forgotten" describe-services --cluster "$CLUSTER" --services web

aws_ecs create-service --cluster "$CLUSTER" --service-name rolling --task-definition "$TD1" --desired-count 0 \
  --launch-type FARGATE --network-configuration "$NET" >/dev/null
expect_error "task sets on a service ECS deploys itself" InvalidParameterException \
  "Amazon ECS only supports task set management on services configured to use external deployment controllers." \
  describe-task-sets --cluster "$CLUSTER" --service rolling

expect "a CODE_DEPLOY service starts with one task set" "1" "length(service.taskSets)"
expect "PRIMARY" "PRIMARY" "service.taskSets[0].status"
expect "of the service's task definition" "$TD1" "service.taskSets[0].taskDefinition"
check create-service --cluster "$CLUSTER" --service-name blue-green --task-definition "$TD1" --desired-count 1 \
  --launch-type FARGATE --network-configuration "$NET" --deployment-controller type=CODE_DEPLOY
expect_error "a new task definition needs CodeDeploy" InvalidParameterException \
  "Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment." \
  update-service --cluster "$CLUSTER" --service blue-green --task-definition "$TD2"

aws_ecs delete-service --cluster "$CLUSTER" --service rolling >/dev/null
aws_ecs delete-service --cluster "$CLUSTER" --service web --force >/dev/null
aws_ecs delete-service --cluster "$CLUSTER" --service blue-green --force >/dev/null
expect "the deleted services become INACTIVE" "INACTIVE INACTIVE INACTIVE" "join(' ', services[].status)"
wait_until "every service INACTIVE" describe-services --cluster "$CLUSTER" --services web rolling blue-green
aws_ecs delete-cluster --cluster "$CLUSTER" >/dev/null

echo "OK: $CHECKS checks of ECS task sets through the aws CLI"
