#!/usr/bin/env bash
# Checks a service's deployment history through the AWS CLI v2: list-service-deployments (filters, a page),
# describe-service-deployments, describe-service-revisions and stop-service-deployment, on a service that rolls out,
# then starts a deployment whose tasks cannot start and is rolled back by stop-service-deployment; and ECS's errors.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/service-deployments-cli.sh
# Debian's CLI (2.9) predates these operations (ECS added them in 2024): the script points it at the ECS model of
# the botocore that python3 imports, through AWS_DATA_PATH, the CLI's documented way to add service models.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
require_cli_v2
WAIT_SECONDS=${ECSD_WAIT_SECONDS:-90}

MODELS=$(python3 -c 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))') \
  || fail "python3 cannot import botocore, whose ECS model the CLI needs for the service deployment operations"
mkdir -p "$WORK/models/ecs/2014-11-13"
for file in "$MODELS"/ecs/2014-11-13/*; do
  case "$file" in
    *.gz) gzip -dc "$file" >"$WORK/models/ecs/2014-11-13/$(basename "${file%.gz}")" ;;
    *) cp "$file" "$WORK/models/ecs/2014-11-13/" ;;
  esac
done
export AWS_DATA_PATH="$WORK/models"
"$AWS" ecs list-service-deployments help >/dev/null 2>&1 || fail "the CLI does not know list-service-deployments"

CLUSTER="history-cli-$$"
FAMILY="history-cli-$$"
SERVICE_ARN="$ECS_ARN:service/$CLUSTER/web"
NETWORK="awsvpcConfiguration={subnets=[subnet-12345678],securityGroups=[sg-12345678],assignPublicIp=DISABLED}"

aws_ecs create-cluster --cluster-name "$CLUSTER" >/dev/null
GOOD=$(aws_ecs register-task-definition --family "$FAMILY" --requires-compatibilities FARGATE \
  --network-mode awsvpc --cpu 256 --memory 512 \
  --container-definitions '[{"name": "web", "image": "registry.example/good:1", "essential": true}]' \
  --query taskDefinition.taskDefinitionArn --output text)
# a task whose awslogs group does not exist fails to start
BAD=$(aws_ecs register-task-definition --family "$FAMILY" --requires-compatibilities FARGATE \
  --network-mode awsvpc --cpu 256 --memory 512 \
  --execution-role-arn "arn:aws:iam::$ACCOUNT:role/ecsTaskExecutionRole" \
  --container-definitions '[{"name": "web", "image": "registry.example/good:1", "essential": true,
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "missing-'$$'",
      "awslogs-region": "'"$AWS_DEFAULT_REGION"'", "awslogs-stream-prefix": "web"}}}]' \
  --query taskDefinition.taskDefinitionArn --output text)

aws_ecs create-service --cluster "$CLUSTER" --service-name web --task-definition "$GOOD" --desired-count 1 \
  --launch-type FARGATE --network-configuration "$NETWORK" >/dev/null
expect "the first service deployment is SUCCESSFUL" "SUCCESSFUL" "serviceDeployments[0].status"
wait_until "the first service deployment is SUCCESSFUL" list-service-deployments --cluster "$CLUSTER" --service web

FIRST=$(aws_ecs list-service-deployments --cluster "$CLUSTER" --service web \
  --query 'serviceDeployments[0].serviceDeploymentArn' --output text)
[[ "$FIRST" == "$ECS_ARN:service-deployment/$CLUSTER/web/"* ]] || fail "a service deployment ARN: $FIRST"
passed "list-service-deployments answers ECS's service-deployment ARN"
REVISION=$(aws_ecs describe-service-deployments --service-deployment-arns "$FIRST" \
  --query 'serviceDeployments[0].targetServiceRevision.arn' --output text)
[[ "$REVISION" =~ ^$ECS_ARN:service-revision/$CLUSTER/web/[0-9]{19}$ ]] || fail "a service revision ARN: $REVISION"
passed "its target is a service revision"

expect "describe-service-deployments: the service" "$SERVICE_ARN" "serviceDeployments[0].serviceArn"
expect "its requested task count" "1" "serviceDeployments[0].targetServiceRevision.requestedTaskCount"
expect "its running task count" "1" "serviceDeployments[0].targetServiceRevision.runningTaskCount"
expect "no source revision for a new service" "0" "length(serviceDeployments[0].sourceServiceRevisions)"
expect "the circuit breaker is off" "DISABLED" "serviceDeployments[0].deploymentCircuitBreaker.status"
expect "no failures" "0" "length(failures)"
check describe-service-deployments --service-deployment-arns "$FIRST"

expect "describe-service-revisions: the task definition" "$GOOD" "serviceRevisions[0].taskDefinition"
expect "the launch type" "FARGATE" "serviceRevisions[0].launchType"
expect "the container image" "registry.example/good:1" "serviceRevisions[0].containerImages[0].image"
expect "the subnets" "subnet-12345678" "serviceRevisions[0].networkConfiguration.awsvpcConfiguration.subnets[0]"
expect "a revision that does not exist is a MISSING failure" "MISSING" "failures[0].reason"
check describe-service-revisions --service-revision-arns "$REVISION" "$ECS_ARN:service-revision/$CLUSTER/web/1"

aws_ecs update-service --cluster "$CLUSTER" --service web --task-definition "$BAD" >/dev/null
SECOND=$(aws_ecs list-service-deployments --cluster "$CLUSTER" --service web --status IN_PROGRESS \
  --query 'serviceDeployments[0].serviceDeploymentArn' --output text)
[ "$SECOND" != "$FIRST" ] && [ "$SECOND" != "None" ] || fail "a second deployment IN_PROGRESS: $SECOND"
passed "list-service-deployments --status IN_PROGRESS finds the new deployment"

expect "stop-service-deployment answers the deployment" "$SECOND" "serviceDeploymentArn"
check stop-service-deployment --service-deployment-arn "$SECOND" --stop-type ROLLBACK
expect "the stopped deployment rolls back to the first revision" "$REVISION" \
  "serviceDeployments[0].rollback.serviceRevisionArn"
expect "the rollback succeeds" "ROLLBACK_SUCCESSFUL" "serviceDeployments[0].status"
wait_until "the rollback succeeds" describe-service-deployments --service-deployment-arns "$SECOND"
expect "the service runs its first revision again" "$GOOD" "services[0].taskDefinition"
check describe-services --cluster "$CLUSTER" --services web

expect "newest first" "ROLLBACK_SUCCESSFUL SUCCESSFUL" "join(' ', serviceDeployments[].status)"
check list-service-deployments --cluster "$CLUSTER" --service "$SERVICE_ARN"
expect "--status filters" "$FIRST" "serviceDeployments[0].serviceDeploymentArn"
expect "to the one SUCCESSFUL" "1" "length(serviceDeployments)"
check list-service-deployments --cluster "$CLUSTER" --service web --status SUCCESSFUL
expect "--max-results 1: one" "1" "length(serviceDeployments)"
expect "and a next token" "True" "nextToken != null"
check list-service-deployments --cluster "$CLUSTER" --service web --max-results 1 --no-paginate

expect_error "a finished deployment cannot be stopped" ConflictException "cannot be stopped" \
  stop-service-deployment --service-deployment-arn "$SECOND"
expect_error "an unknown deployment" ServiceDeploymentNotFoundException "does not exist" \
  stop-service-deployment --service-deployment-arn "$ECS_ARN:service-deployment/$CLUSTER/web/nope"
expect_error "a service that does not exist" ServiceNotFoundException "Service not found." \
  list-service-deployments --cluster "$CLUSTER" --service nope
expect_error "at most 100 a page" InvalidParameterException "maxResults" \
  list-service-deployments --cluster "$CLUSTER" --service web --max-results 101 --no-paginate

aws_ecs delete-service --cluster "$CLUSTER" --service web --force >/dev/null
echo "OK: $CHECKS checks of service deployments and revisions through the aws CLI"
