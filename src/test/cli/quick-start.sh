#!/usr/bin/env bash
# Runs the README's quick start verbatim: the first fenced block of README.md, command by command, against
# $ECSD_ENDPOINT (a fresh server, as `./ecsd server` makes one). Only what a person substitutes is substituted: the
# endpoint for the test server's, <task-arn> for the taskArn run-task printed. `aws` is the Debian CLI v2. A person
# runs describe-tasks and logs tail again until the task runs and its lines are there; so does this script.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_cli_v2
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
README="$ROOT/README.md"
cd "$ROOT" # the quick start's file:// paths are relative to the repository

# `aws` as the block spells it is the Debian CLI
mkdir -p "$WORK/bin"
ln -s "$AWS" "$WORK/bin/aws"
export PATH="$WORK/bin:$PATH"

block=$(awk '/^```/ { fences++; next } fences == 1' "$README")
[ -n "$block" ] || fail "README.md has no fenced block"
commands=()
current=""
while IFS= read -r line; do
  if [[ $line == *\\ ]]; then
    current+="${line%\\} "
    continue
  fi
  commands+=("$current$line")
  current=""
done <<<"$block"
[[ ${commands[0]} == "./ecsd server"* ]] || fail "the quick start does not begin with ./ecsd server: ${commands[0]}"
passed "the quick start begins with ./ecsd server (here: the test's server at $ECSD_ENDPOINT)"

TASK_ARN=""
for command in "${commands[@]:1}"; do
  command=${command//http:\/\/127.0.0.1:4566/$ECSD_ENDPOINT}
  if [[ $command == *"<task-arn>"* ]]; then
    [ -n "$TASK_ARN" ] || fail "the quick start uses <task-arn> before run-task printed one: $command"
    command=${command//<task-arn>/$TASK_ARN}
  fi
  echo "\$ $command"
  case "$command" in
    *"ecs describe-tasks"*)
      # run again until RUNNING, as a person would
      for attempt in $(seq 1 90); do
        eval "$command" >"$WORK/out" 2>&1 || fail "exited with $?: $(cat "$WORK/out")"
        grep -q '"lastStatus": "RUNNING"' "$WORK/out" && break
        sleep 1
      done
      cat "$WORK/out"
      grep -q '"lastStatus": "RUNNING"' "$WORK/out" || fail "the task is not RUNNING: $(cat "$WORK/out")"
      grep -q '"name": "hello"' "$WORK/out" || fail "describe-tasks shows no container hello"
      passed "describe-tasks shows the task RUNNING"
      ;;
    *"logs tail"*)
      for attempt in $(seq 1 60); do
        # until the container has written, the group may not exist yet: a person would just try again
        eval "$command" >"$WORK/out" 2>&1 || true
        grep -q 'hello from ecsd' "$WORK/out" && break
        sleep 1
      done
      cat "$WORK/out"
      grep -q "hello/hello/${TASK_ARN##*/} hello from ecsd, " "$WORK/out" \
        || fail "logs tail printed no 'hello from ecsd' line of the task's stream: $(cat "$WORK/out")"
      passed "logs tail prints the task's lines from its stream hello/hello/<task id>"
      ;;
    *)
      eval "$command" >"$WORK/out" 2>&1 || fail "exited with $?: $(cat "$WORK/out")"
      cat "$WORK/out"
      if [[ $command == *"ecs run-task"* ]]; then
        TASK_ARN=$(sed -n 's/.*"taskArn": "\([^"]*\)".*/\1/p' "$WORK/out" | head -n 1)
        [ -n "$TASK_ARN" ] || fail "run-task printed no taskArn"
        grep -q '"failures": \[\]' "$WORK/out" || fail "run-task reported failures"
        passed "run-task started $TASK_ARN"
      fi
      ;;
  esac
done

# the last command stopped the task: it stops as a user's stop does
for attempt in $(seq 1 60); do
  status=$(aws --endpoint-url "$ECSD_ENDPOINT" ecs describe-tasks --cluster my-cluster --tasks "$TASK_ARN" \
    --query 'tasks[0].[lastStatus,stopCode]' --output text)
  [ "$status" = "$(printf 'STOPPED\tUserInitiated')" ] && break
  sleep 1
done
[ "$status" = "$(printf 'STOPPED\tUserInitiated')" ] || fail "the task did not stop as stop-task asked: $status"
passed "stop-task stops the task"
echo "$CHECKS checks passed"
