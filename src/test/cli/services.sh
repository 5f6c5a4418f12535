#!/usr/bin/env bash
# Acceptance test of the services issue with the real AWS CLI v2: create a service, roll it to a new revision,
# turn the circuit breaker on, read its deployments and events, scale it to zero and delete it, as a user types
# it. Stops at the first answer that differs from what ECS answers, saying what differed.
#
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 ECSD_TEST_IMAGE=ecsd-test/busybox:1 src/test/cli/services.sh
# Needs a fresh ecsd (the first registration of web-app must be revision 1) whose tasks run on Docker, and a
# local image with busybox's sh and httpd (ECSD_TEST_IMAGE). Credentials and region come from the environment,
# test/test and us-east-1 when unset.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
IMAGE=${ECSD_TEST_IMAGE:-ecsd-test/busybox:1}
WAIT_SECONDS=${ECSD_WAIT_SECONDS:-180}

# contains WHAT TEXT: the last output must contain TEXT.
contains() {
  [[ "$OUT" == *"$2"* ]] || fail "$1: expected the output to contain '$2'; it was: $OUT"
  passed "$1"
}

# httpd that exits on SIGTERM (as PID 1 it would ignore it), serving its revision.
container_definitions() {
  printf '[{"name": "web", "image": "%s", "essential": true, "portMappings": [{"containerPort": 8080}],
    "command": ["sh", "-c", "echo revision %s > /var/www/index.html; trap \\"exit 0\\" TERM; httpd -f -p 8080 -h /var/www & wait"]}]' \
    "$IMAGE" "$1"
}

require_cli_v2

SERVICE_ARN="$ECS_ARN:service/my-cluster/web-service"
NETWORK="awsvpcConfiguration={subnets=[subnet-12345678,subnet-87654321],securityGroups=[sg-12345678],assignPublicIp=DISABLED}"

expect "create-cluster" "ACTIVE" 'cluster.status'
check create-cluster --cluster-name my-cluster
for revision in 1 2; do
  expect "register-task-definition web-app:$revision" "$ECS_ARN:task-definition/web-app:$revision" \
    'taskDefinition.taskDefinitionArn'
  check register-task-definition --family web-app --network-mode awsvpc --requires-compatibilities FARGATE \
    --cpu 256 --memory 512 --container-definitions "$(container_definitions "$revision")"
done

# --- create-service ---
expect "create-service answers the service's ARN" "$SERVICE_ARN" 'service.serviceArn'
expect "status ACTIVE" "ACTIVE" 'service.status'
expect "desired count 2, launch type FARGATE" "2,FARGATE" 'join(`,`, [to_string(service.desiredCount), service.launchType])'
expect "the grace period as given" "60" 'service.healthCheckGracePeriodSeconds'
expect "the task definition's ARN" "$ECS_ARN:task-definition/web-app:1" 'service.taskDefinition'
expect "ECS's default deployment configuration" "100,200,false,false" \
  'join(`,`, [to_string(service.deploymentConfiguration.minimumHealthyPercent),
    to_string(service.deploymentConfiguration.maximumPercent),
    to_string(service.deploymentConfiguration.deploymentCircuitBreaker.enable),
    to_string(service.deploymentConfiguration.deploymentCircuitBreaker.rollback)])'
expect "both subnets" "subnet-12345678,subnet-87654321" \
  'join(`,`, service.networkConfiguration.awsvpcConfiguration.subnets)'
expect "REPLICA scheduling and the ECS deployment controller" "REPLICA,ECS" \
  'join(`,`, [service.schedulingStrategy, service.deploymentController.type])'
expect "one deployment, PRIMARY and IN_PROGRESS" "1,PRIMARY,IN_PROGRESS" \
  'join(`,`, [to_string(length(service.deployments)), service.deployments[0].status, service.deployments[0].rolloutState])'
check create-service --cluster my-cluster --service-name web-service --task-definition web-app:1 \
  --desired-count 2 --launch-type FARGATE --network-configuration "$NETWORK" --health-check-grace-period-seconds 60

run describe-services --cluster my-cluster --services web-service --query 'services[0].deployments[0].id' --output text
[[ "$OUT" =~ ^ecs-svc/[0-9]{19}$ ]] || fail "the deployment id is ecs-svc/ and 19 digits, not '$OUT'"
passed "the deployment id is ecs-svc/ and 19 digits"
FIRST=$OUT

expect "list-services lists it" "$SERVICE_ARN" 'join(`,`, serviceArns)'
check list-services --cluster my-cluster

expect "runningCount" "2" 'services[0].runningCount'
expect "pendingCount" "0" 'services[0].pendingCount'
expect "the deployment" "COMPLETED" 'services[0].deployments[0].rolloutState'
wait_until "2 tasks RUNNING and the first deployment COMPLETED" describe-services --cluster my-cluster --services web-service

run describe-services --cluster my-cluster --services web-service --query 'services[0].events[:5]' --output json
[ "$STATUS" -eq 0 ] || fail "describe-services --query 'services[0].events[:5]' exited with $STATUS: $ERR"
contains "events[:5] has the steady state" '"message": "(service web-service) has reached a steady state."'
contains "events[:5] has the first deployment's completion" \
  "\"message\": \"(service web-service) (deployment $FIRST) deployment completed.\""
contains "events[:5] has the start of 2 tasks" '"message": "(service web-service) has started 2 tasks: (task '
[ "$(grep -c '"message"' <<<"$OUT")" -le 5 ] || fail "events[:5] answered more than 5 events: $OUT"
passed "events[:5] answers at most 5 events"

expect "tasks of the service are started by its deployment" "$FIRST,$FIRST" 'join(`,`, tasks[].startedBy)'
expect "in the group service:web-service" "service:web-service,service:web-service" 'join(`,`, tasks[].group)'
check describe-tasks --cluster my-cluster \
  --tasks $("$AWS" --endpoint-url "$ECSD_ENDPOINT" ecs list-tasks --cluster my-cluster --service-name web-service \
    --query 'taskArns' --output text)

# --- a new revision, forced ---
expect "update-service to web-app:2" "$ECS_ARN:task-definition/web-app:2" 'service.taskDefinition'
expect "two deployments: the new PRIMARY, the old ACTIVE" "PRIMARY,ACTIVE" 'join(`,`, service.deployments[].status)'
expect "the new one IN_PROGRESS" "IN_PROGRESS" 'service.deployments[0].rolloutState'
expect "the old one is the first" "$FIRST" 'service.deployments[1].id'
check update-service --cluster my-cluster --service web-service --task-definition web-app:2 --force-new-deployment

run describe-services --cluster my-cluster --services web-service --query 'services[0].deployments' --output json
[ "$STATUS" -eq 0 ] || fail "describe-services --query 'services[0].deployments' exited with $STATUS: $ERR"
contains "deployments answers the rollout state reason" '"rolloutStateReason": "ECS deployment ecs-svc/'
contains "and each deployment's task definition" "\"taskDefinition\": \"$ECS_ARN:task-definition/web-app:2\""
SECOND=$("$AWS" --endpoint-url "$ECSD_ENDPOINT" ecs describe-services --cluster my-cluster --services web-service \
  --query 'services[0].deployments[0].id' --output text)
[ "$SECOND" != "$FIRST" ] || fail "the new deployment has the old deployment's id $FIRST"
passed "the new deployment has a new id"

expect "one deployment left" "1" 'length(services[0].deployments)'
expect "the new one" "$SECOND" 'services[0].deployments[0].id'
expect "COMPLETED" "COMPLETED" 'services[0].deployments[0].rolloutState'
expect "2 tasks RUNNING" "2" 'services[0].runningCount'
wait_until "the rollout to web-app:2 completed" describe-services --cluster my-cluster --services web-service

expect "every running task on web-app:2" "$ECS_ARN:task-definition/web-app:2,$ECS_ARN:task-definition/web-app:2" \
  'join(`,`, tasks[].taskDefinitionArn)'
check describe-tasks --cluster my-cluster \
  --tasks $("$AWS" --endpoint-url "$ECSD_ENDPOINT" ecs list-tasks --cluster my-cluster --service-name web-service \
    --query 'taskArns' --output text)

# --- the circuit breaker, in place ---
expect "update-service turns the breaker on" "true,true" \
  'join(`,`, [to_string(service.deploymentConfiguration.deploymentCircuitBreaker.enable),
    to_string(service.deploymentConfiguration.deploymentCircuitBreaker.rollback)])'
expect "and keeps the percentages" "100,200" \
  'join(`,`, [to_string(service.deploymentConfiguration.minimumHealthyPercent),
    to_string(service.deploymentConfiguration.maximumPercent)])'
expect "without a new deployment" "$SECOND" 'join(`,`, service.deployments[].id)'
check update-service --cluster my-cluster --service web-service \
  --deployment-configuration '{"deploymentCircuitBreaker":{"enable":true,"rollback":true}}'

run describe-services --cluster my-cluster --services web-service --query 'services[0].events[:5]' --output json
contains "events[:5] has the second deployment's completion" \
  "\"message\": \"(service web-service) (deployment $SECOND) deployment completed.\""

# --- scale to zero, delete ---
expect "update-service --desired-count 0" "0" 'service.desiredCount'
check update-service --cluster my-cluster --service web-service --desired-count 0
expect "running" "0" 'services[0].runningCount'
expect "pending" "0" 'services[0].pendingCount'
wait_until "no task left" describe-services --cluster my-cluster --services web-service

expect "delete-service answers the service" "$SERVICE_ARN" 'service.serviceArn'
check delete-service --cluster my-cluster --service web-service
expect "status" "INACTIVE" 'services[0].status'
wait_until "the deleted service INACTIVE" describe-services --cluster my-cluster --services web-service
expect "list-services no longer lists it" "0" 'length(serviceArns)'
check list-services --cluster my-cluster

# --- what ECS refuses ---
expect_error "update-service of a deleted service" ServiceNotActiveException "Service was not ACTIVE." \
  update-service --cluster my-cluster --service web-service --desired-count 1
expect_error "delete-service of an unknown service" ServiceNotFoundException "Service not found." \
  delete-service --cluster my-cluster --service no-such-service
expect "create-service of a second service" "ACTIVE" 'service.status'
check create-service --cluster my-cluster --service-name busy --task-definition web-app:2 --desired-count 1 \
  --launch-type FARGATE --network-configuration "$NETWORK"
expect_error "delete-service of a service scaled above 0" InvalidParameterException \
  "The service cannot be stopped while it is scaled above 0." delete-service --cluster my-cluster --service busy
expect_error "delete-cluster with a service" ClusterContainsServicesException \
  "The Cluster cannot be deleted while Services are active." delete-cluster --cluster my-cluster
expect "delete-service --force drains it" "DRAINING" 'service.status'
check delete-service --cluster my-cluster --service busy --force
expect "status" "INACTIVE" 'services[0].status'
wait_until "the forced deletion INACTIVE" describe-services --cluster my-cluster --services busy

echo "$CHECKS checks passed against $ECSD_ENDPOINT"
