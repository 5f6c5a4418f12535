#!/usr/bin/env bash
# Checks that the AWS CLI v2 reads what ecsd's CloudWatch Logs API stores: `aws logs get-log-events` and
# `aws logs tail <group> --since 1h` (no --follow) both print the events put.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/logs-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
GROUP="/ecsd/cli-check/$$"
STREAM="web/1"

aws_logs create-log-group --log-group-name "$GROUP"
trap '"$AWS" --endpoint-url "$ECSD_ENDPOINT" logs delete-log-group --log-group-name "$GROUP" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
aws_logs create-log-stream --log-group-name "$GROUP" --log-stream-name "$STREAM"

now_ms=$(( $(date +%s) * 1000 ))
aws_logs put-log-events --log-group-name "$GROUP" --log-stream-name "$STREAM" --log-events \
  "[{\"timestamp\": $(( now_ms - 2000 )), \"message\": \"first line from the cli check\"},
    {\"timestamp\": $(( now_ms - 1000 )), \"message\": \"second line from the cli check\"}]" >/dev/null

events=$(aws_logs get-log-events --log-group-name "$GROUP" --log-stream-name "$STREAM" --start-from-head \
  --query 'events[].message' --output text)
echo "get-log-events printed: $events"
grep -q "first line from the cli check" <<<"$events" || fail "get-log-events did not print the first event"
grep -q "second line from the cli check" <<<"$events" || fail "get-log-events did not print the second event"

tailed=$(aws_logs tail "$GROUP" --since 1h)
echo "logs tail printed:"
echo "$tailed"
[ "$(wc -l <<<"$tailed")" -eq 2 ] || fail "logs tail printed $(wc -l <<<"$tailed") lines, not 2"
head -n 1 <<<"$tailed" | grep -q "$STREAM first line from the cli check" \
  || fail "logs tail did not print the first event first, with its stream"
tail -n 1 <<<"$tailed" | grep -q "$STREAM second line from the cli check" \
  || fail "logs tail did not print the second event last, with its stream"

echo "OK: the aws CLI reads ecsd's log events"
