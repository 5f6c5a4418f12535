#!/usr/bin/env bash
# Checks secrets injection through the AWS CLI v2 that Debian ships: the issue's commands (create-secret,
# put-parameter, a task definition whose secrets name a JSON key of a secret and a SecureString parameter, run-task),
# ECS's check that secrets need an execution role, that describe-tasks never shows a value, and that a task whose
# secret is missing stops with TaskFailedToStart and ECS's reason.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/secrets-injection-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -uo pipefail # not -e: expect_error lets a command fail and looks at how

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
require_cli_v2

CLUSTER="secrets-cli-$$"
NETWORK="awsvpcConfiguration={subnets=[subnet-12345678],securityGroups=[sg-12345678],assignPublicIp=ENABLED}"
WAIT_SECONDS=120

# await_status TASK_ARN STATUS: polls describe-tasks until lastStatus is STATUS (bounded by WAIT_SECONDS).
await_status() {
  local deadline=$((SECONDS + WAIT_SECONDS)) status=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    status=$(aws_ecs describe-tasks --cluster "$CLUSTER" --tasks "$1" --query 'tasks[0].lastStatus' --output text)
    [ "$status" == "$2" ] && return 0
    sleep 0.5
  done
  fail "task $1 was not $2 within $WAIT_SECONDS s (last seen: $status)"
}

# task_definition FAMILY SECRETS_JSON [EXECUTION_ROLE_LINE]: writes a FARGATE definition to $WORK/FAMILY.json
task_definition() {
  cat >"$WORK/$1.json" <<EOF
{"family": "$1", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
 ${3-\"executionRoleArn\": \"arn:aws:iam::$ACCOUNT:role/ecsTaskExecutionRole\",}
 "containerDefinitions": [{"name": "app", "image": "busybox", "essential": true, "secrets": $2}]}
EOF
}

# The issue's commands, as a user types them.
DB_ARN=$("$AWS" --endpoint-url "$ECSD_ENDPOINT" secretsmanager create-secret --name "prod/db-$$" \
  --secret-string '{"username":"app","password":"s3cr3t"}' --query ARN --output text) || fail "create-secret failed"
"$AWS" --endpoint-url "$ECSD_ENDPOINT" ssm put-parameter --name "/prod/api-key-$$" --type SecureString \
  --value abc123 >/dev/null || fail "put-parameter failed"
aws_ecs create-cluster --cluster-name "$CLUSTER" >/dev/null

SECRETS="[{\"name\": \"DB_PASSWORD\", \"valueFrom\": \"$DB_ARN:password::\"},
          {\"name\": \"API_KEY\", \"valueFrom\": \"/prod/api-key-$$\"}]"
task_definition "no-role-$$" "$SECRETS" ""
expect_error "secrets without an execution role are refused with ECS's message" ClientException \
  "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'." \
  register-task-definition --cli-input-json "file://$WORK/no-role-$$.json"

task_definition "app-$$" "$SECRETS"
aws_ecs register-task-definition --cli-input-json "file://$WORK/app-$$.json" >/dev/null
TASK=$(aws_ecs run-task --cluster "$CLUSTER" --task-definition "app-$$" --launch-type FARGATE \
  --network-configuration "$NETWORK" --query 'tasks[0].taskArn' --output text)
await_status "$TASK" RUNNING
passed "a task with a Secrets Manager JSON key and a SecureString parameter runs"
DESCRIBED=$(aws_ecs describe-tasks --cluster "$CLUSTER" --tasks "$TASK" --output json)
DEFINITION=$(aws_ecs describe-task-definition --task-definition "app-$$" --output json)
[[ "$DESCRIBED$DEFINITION" != *s3cr3t* && "$DESCRIBED$DEFINITION" != *abc123* ]] \
  || fail "describe-tasks or describe-task-definition shows a secret value"
passed "describe-tasks and describe-task-definition show no secret value"

MISSING="arn:aws:secretsmanager:$AWS_DEFAULT_REGION:$ACCOUNT:secret:prod/none-$$-AbCdEf"
task_definition "broken-$$" "[{\"name\": \"DB_PASSWORD\", \"valueFrom\": \"$MISSING:password::\"}]"
aws_ecs register-task-definition --cli-input-json "file://$WORK/broken-$$.json" >/dev/null
BROKEN=$(aws_ecs run-task --cluster "$CLUSTER" --task-definition "broken-$$" --launch-type FARGATE \
  --network-configuration "$NETWORK" --query 'tasks[0].taskArn' --output text)
await_status "$BROKEN" STOPPED
expect "a missing secret stops the task with TaskFailedToStart" "TaskFailedToStart" 'tasks[0].stopCode'
expect "the reason is ECS's, naming the secret" "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: failed to fetch secret $MISSING from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret." 'tasks[0].stoppedReason'
check describe-tasks --cluster "$CLUSTER" --tasks "$BROKEN"

aws_ecs stop-task --cluster "$CLUSTER" --task "$TASK" >/dev/null
echo "OK: $CHECKS checks of secrets injection through the aws CLI"
