#!/usr/bin/env bash
# Checks that every region is its own namespace on the one endpoint, through the AWS CLI v2 that Debian ships with
# --region eu-west-1 and --region us-west-2: create-cluster, register-task-definition, run-task, list-clusters,
# describe-clusters, list-tasks and describe-tasks in each, each region seeing only its own resources, ARNs carrying
# their region; and a region outside the aws partition refused as AWS refuses it.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/regions-cli.sh
# Credentials come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws. The tasks it starts
# are stopped again at the end.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
require_cli_v2

CLUSTER="regions-cli-$$"
FAMILY="regions-cli-$$"
NETWORK="awsvpcConfiguration={subnets=[subnet-12345678],securityGroups=[sg-12345678]}"
declare -A TASK

for REGION in eu-west-1 us-west-2; do
  ARN="arn:aws:ecs:$REGION:$ACCOUNT"
  expect "create-cluster in $REGION answers a $REGION ARN" "$ARN:cluster/$CLUSTER" "cluster.clusterArn"
  check create-cluster --region "$REGION" --cluster-name "$CLUSTER"

  expect "register-task-definition in $REGION answers a $REGION ARN" "$ARN:task-definition/$FAMILY:1" \
    "taskDefinition.taskDefinitionArn"
  check register-task-definition --region "$REGION" --family "$FAMILY" --requires-compatibilities FARGATE \
    --network-mode awsvpc --cpu 256 --memory 512 \
    --container-definitions "[{\"name\":\"app\",\"image\":\"example/$REGION:1\"}]"

  TASK[$REGION]=$(aws_ecs run-task --region "$REGION" --cluster "$CLUSTER" --task-definition "$FAMILY:1" \
    --launch-type FARGATE --network-configuration "$NETWORK" --output text --query 'tasks[0].taskArn')
  [[ "${TASK[$REGION]}" == "$ARN:task/$CLUSTER/"* ]] || fail "run-task in $REGION answered '${TASK[$REGION]}'"
  passed "run-task in $REGION answers a $REGION task ARN"
done

for REGION in eu-west-1 us-west-2; do
  OTHER=$([ "$REGION" == eu-west-1 ] && echo us-west-2 || echo eu-west-1)
  ARN="arn:aws:ecs:$REGION:$ACCOUNT"
  expect "list-clusters in $REGION lists only $REGION's cluster" "1 $ARN:cluster/$CLUSTER" \
    "join(' ', [to_string(length(clusterArns)), clusterArns[0]])"
  check list-clusters --region "$REGION"

  expect "describe-clusters in $REGION finds its own cluster by name" "$ARN:cluster/$CLUSTER ACTIVE" \
    "join(' ', [clusters[0].clusterArn, clusters[0].status])"
  check describe-clusters --region "$REGION" --clusters "$CLUSTER"

  expect "list-task-definitions in $REGION lists only $REGION's revision" "1 $ARN:task-definition/$FAMILY:1" \
    "join(' ', [to_string(length(taskDefinitionArns)), taskDefinitionArns[0]])"
  check list-task-definitions --region "$REGION"

  expect "list-tasks in $REGION lists only $REGION's task" "1 ${TASK[$REGION]}" \
    "join(' ', [to_string(length(taskArns)), taskArns[0]])"
  check list-tasks --region "$REGION" --cluster "$CLUSTER"

  expect "describe-tasks in $REGION describes its own task, in a zone of $REGION" \
    "${TASK[$REGION]} true example/$REGION:1" \
    "join(' ', [tasks[0].taskArn, to_string(starts_with(tasks[0].availabilityZone, '$REGION')), tasks[0].containers[0].image])"
  check describe-tasks --region "$REGION" --cluster "$CLUSTER" --tasks "${TASK[$REGION]}"

  expect "describe-tasks in $REGION does not find $OTHER's task" "0 ${TASK[$OTHER]} MISSING" \
    "join(' ', [to_string(length(tasks)), failures[0].arn, failures[0].reason])"
  check describe-tasks --region "$REGION" --cluster "$CLUSTER" --tasks "${TASK[$OTHER]}"
done

expect "us-east-1 has none of the other regions' clusters" "0" "to_string(length(clusterArns[?contains(@, '$CLUSTER')]))"
check list-clusters --region us-east-1

expect_error "a region outside the aws partition is refused" InvalidSignatureException \
  "Credential should be scoped to a valid region, not 'xx-fake-1'." list-clusters --region xx-fake-1

for REGION in eu-west-1 us-west-2; do
  aws_ecs stop-task --region "$REGION" --cluster "$CLUSTER" --task "${TASK[$REGION]}" >/dev/null
done
passed "the tasks are stopped"

echo "OK: $CHECKS checks of regions through the aws CLI"
