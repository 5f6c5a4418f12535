#!/usr/bin/env bash
# Acceptance test of the tasks issue with the real AWS CLI v2: run-task on FARGATE with an awsvpc network
# configuration, describe-tasks, list-tasks --desired-status STOPPED, a container's reason and exit code,
# stop-task --reason, and the task's output through `aws logs get-log-events` and `aws logs tail`.
# Tasks really run on the server's Docker Engine. Stops at the first answer that differs, saying what differed.
#
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/tasks.sh
# The image ECSD_TEST_IMAGE (default ecsd-test/busybox:1, which the Java tests build) must be on the engine and
# have sh, sleep and httpd. Credentials and region come from the environment, test/test and us-east-1 when unset.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
IMAGE=${ECSD_TEST_IMAGE:-ecsd-test/busybox:1}

CLUSTER="my-cluster-$$"
NETWORK="awsvpcConfiguration={subnets=[subnet-12345678],securityGroups=[sg-12345678],assignPublicIp=ENABLED}"
WAIT_SECONDS=120

# same WHAT EXPECTED ACTUAL
same() {
  [ "$3" == "$2" ] || fail "$1: expected '$2', got '$3'"
  passed "$1 is '$2'"
}

# await_status TASK_ARN STATUS: polls describe-tasks until lastStatus is STATUS (bounded by WAIT_SECONDS).
await_status() {
  local deadline=$((SECONDS + WAIT_SECONDS)) status=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    status=$(aws_ecs describe-tasks --cluster "$CLUSTER" --tasks "$1" --query 'tasks[0].lastStatus' --output text)
    [ "$status" == "$2" ] && return 0
    [ "$status" == "STOPPED" ] && fail "task $1 stopped before it was $2"
    sleep 0.5
  done
  fail "task $1 was not $2 within $WAIT_SECONDS s (last seen: $status)"
}

aws_ecs create-cluster --cluster-name "$CLUSTER" >/dev/null

cat >"$WORK/batch.json" <<EOF
{
  "family": "my-batch-job",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "executionRoleArn": "arn:aws:iam::000000000000:role/ecsTaskExecutionRole",
  "containerDefinitions": [{
    "name": "job",
    "image": "$IMAGE",
    "essential": true,
    "command": ["sh", "-c", "echo batch job started; sleep 2; echo batch job done"],
    "logConfiguration": {"logDriver": "awslogs", "options": {
      "awslogs-group": "/ecs/my-batch-job", "awslogs-region": "$AWS_DEFAULT_REGION",
      "awslogs-stream-prefix": "ecs", "awslogs-create-group": "true"}}
  }]
}
EOF
cat >"$WORK/web.json" <<EOF
{
  "family": "web-app",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "executionRoleArn": "arn:aws:iam::000000000000:role/ecsTaskExecutionRole",
  "containerDefinitions": [{
    "name": "web",
    "image": "$IMAGE",
    "essential": true,
    "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
    "command": ["sh", "-c", "trap 'echo web-app stopping; exit 0' TERM; echo web-app serving; httpd -f -p 8080 & wait"],
    "logConfiguration": {"logDriver": "awslogs", "options": {
      "awslogs-group": "/ecs/web-app", "awslogs-region": "$AWS_DEFAULT_REGION",
      "awslogs-stream-prefix": "ecs", "awslogs-create-group": "true"}}
  }]
}
EOF
BATCH_DEF=$(aws_ecs register-task-definition --cli-input-json "file://$WORK/batch.json" \
  --query 'taskDefinition.[family,revision]' --output text | tr '\t' ':')
WEB_DEF=$(aws_ecs register-task-definition --cli-input-json "file://$WORK/web.json" \
  --query 'taskDefinition.[family,revision]' --output text | tr '\t' ':')

# --- run-task, as the issue types it ---
out=$(aws_ecs run-task --cluster "$CLUSTER" --task-definition "$BATCH_DEF" --launch-type FARGATE \
  --network-configuration "$NETWORK" --query '[tasks[0].taskArn, length(failures), tasks[0].launchType]' --output text)
IFS=$'\t' read -r BATCH_ARN failures launch_type <<<"$out"
[[ "$BATCH_ARN" == arn:aws:ecs:*:task/$CLUSTER/* ]] || fail "run-task did not answer a task ARN: $out"
same "run-task failures" "0" "$failures"
same "run-task launchType" "FARGATE" "$launch_type"
WEB_ARN=$(aws_ecs run-task --cluster "$CLUSTER" --task-definition "$WEB_DEF" --launch-type FARGATE \
  --network-configuration "$NETWORK" --query 'tasks[0].taskArn' --output text)
BATCH_ID=${BATCH_ARN##*/}
WEB_ID=${WEB_ARN##*/}

# --- describe-tasks (of the web app, which runs until stopped: the batch job may have ended already) ---
out=$(aws_ecs describe-tasks --cluster "$CLUSTER" --tasks "$WEB_ARN" --query '[tasks[0].desiredStatus,
  tasks[0].attachments[0].type, tasks[0].containers[0].name, tasks[0].launchType, length(failures)]' --output text)
IFS=$'\t' read -r desired attachment container launch_type failures <<<"$out"
same "describe-tasks desiredStatus" "RUNNING" "$desired"
same "describe-tasks attachment type" "ElasticNetworkInterface" "$attachment"
same "describe-tasks container name" "web" "$container"
same "describe-tasks launchType" "FARGATE" "$launch_type"
same "describe-tasks failures" "0" "$failures"
out=$(aws_ecs describe-tasks --cluster "$CLUSTER" --tasks "$BATCH_ARN" "arn:aws:ecs:$AWS_DEFAULT_REGION:000000000000:task/$CLUSTER/0123456789abcdef0123456789abcdef" \
  --query '[tasks[0].taskArn, tasks[0].lastStatus, failures[0].reason]' --output text)
IFS=$'\t' read -r arn last reason <<<"$out"
same "describe-tasks taskArn" "$BATCH_ARN" "$arn"
case "$last" in
  PROVISIONING | PENDING | ACTIVATING | RUNNING | DEACTIVATING | STOPPING | DEPROVISIONING | STOPPED)
    passed "describe-tasks lastStatus '$last' is an ECS task status" ;;
  *) fail "describe-tasks lastStatus '$last' is not an ECS task status" ;;
esac
same "describe-tasks failure of an unknown task" "MISSING" "$reason"
await_status "$BATCH_ARN" STOPPED
passed "the batch job ran and stopped"

# --- list-tasks --desired-status STOPPED, and describing the first one ---
stopped=$(aws_ecs list-tasks --cluster "$CLUSTER" --desired-status STOPPED --query 'taskArns' --output text)
same "list-tasks --desired-status STOPPED" "$BATCH_ARN" "$stopped"
running=$(aws_ecs list-tasks --cluster "$CLUSTER" --query 'taskArns' --output text)
same "list-tasks (RUNNING by default)" "$WEB_ARN" "$running"
out=$(aws_ecs describe-tasks --cluster "$CLUSTER" \
  --tasks "$(aws_ecs list-tasks --cluster "$CLUSTER" --desired-status STOPPED --query 'taskArns[0]' --output text)" \
  --query '[tasks[0].taskArn, tasks[0].lastStatus, tasks[0].stopCode, tasks[0].stoppedReason]' --output text)
IFS=$'\t' read -r arn last stop_code reason <<<"$out"
same "the first STOPPED task" "$BATCH_ARN" "$arn"
same "its lastStatus" "STOPPED" "$last"
same "its stopCode" "EssentialContainerExited" "$stop_code"
same "its stoppedReason" "Essential container in task exited" "$reason"
out=$(aws_ecs describe-tasks --cluster "$CLUSTER" --tasks "$BATCH_ARN" \
  --query 'tasks[0].containers[0].{reason:reason,exitCode:exitCode}')
same "containers[0].{reason:reason,exitCode:exitCode}" '{"reason":null,"exitCode":0}' "$(tr -d ' \n' <<<"$out")"

# --- the batch job's output in CloudWatch Logs ---
out=$(aws_logs get-log-events --log-group-name /ecs/my-batch-job --log-stream-name "ecs/job/$BATCH_ID" \
  --start-from-head --query 'events[].message' --output text)
same "get-log-events of ecs/job/$BATCH_ID" "batch job started	batch job done" "$out"
out=$("$AWS" --endpoint-url "$ECSD_ENDPOINT" logs tail /ecs/my-batch-job --since 1h 2>"$WORK/stderr") \
  || fail "aws logs tail exited with $?: $(cat "$WORK/stderr")"
echo "$out"
grep -q "ecs/job/$BATCH_ID batch job started$" <<<"$out" || fail "logs tail did not print the first line with its stream"
grep -q "ecs/job/$BATCH_ID batch job done$" <<<"$out" || fail "logs tail did not print the last line with its stream"
passed "logs tail printed the batch job's output"

# --- stop-task --reason ---
await_status "$WEB_ARN" RUNNING
out=$(aws_ecs stop-task --cluster "$CLUSTER" --task "$WEB_ARN" --reason "manual stop" \
  --query '[task.desiredStatus, task.stoppedReason]' --output text)
same "stop-task answer" "STOPPED	manual stop" "$out"
await_status "$WEB_ARN" STOPPED
out=$(aws_ecs describe-tasks --cluster "$CLUSTER" --tasks "$WEB_ARN" \
  --query '[tasks[0].stopCode, tasks[0].stoppedReason, tasks[0].containers[0].exitCode]' --output text)
same "the stopped web-app task" "UserInitiated	manual stop	0" "$out"
out=$(aws_logs get-log-events --log-group-name /ecs/web-app --log-stream-name "ecs/web/$WEB_ID" \
  --start-from-head --query 'events[].message' --output text)
same "get-log-events of ecs/web/$WEB_ID" "web-app serving	web-app stopping" "$out"
running=$(aws_ecs list-tasks --cluster "$CLUSTER" --query 'length(taskArns)')
same "tasks still running" "0" "$running"

echo "all $CHECKS checks passed"
