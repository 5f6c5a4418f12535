#!/usr/bin/env bash
# The issue's five commands verbatim (but for --endpoint-url and the times) with the AWS CLI v2 against an ecsd whose
# service really runs under load: register-scalable-target and put-scaling-policy (target tracking on CPU at 70),
# then get-metric-statistics of the service's AWS/ECS CPUUtilization that ecsd published, describe-alarms of the
# policy's two alarms, and describe-scaling-activities once the high alarm has scaled the service out.
# The server must run the simulated runtime at about 90 % of each task's CPU (22.5 % of a core for cpu 256) with a
# short metric period (e.g. --metric-period-seconds 2), so that three alarm periods pass in seconds.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/autoscaling-seed-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

# eventually WHAT SECONDS COMMAND...: runs COMMAND every second until it succeeds, at most SECONDS times.
eventually() {
  local what=$1 tries=$2
  shift 2
  for _ in $(seq "$tries"); do
    if "$@"; then
      return 0
    fi
    sleep 1
  done
  fail "$what: not so after $tries tries"
}

require_cli_v2

# the seed's service
aws_ecs create-cluster --cluster-name my-cluster >/dev/null
aws_ecs register-task-definition --family web-app --network-mode awsvpc --requires-compatibilities FARGATE \
  --cpu 256 --memory 512 \
  --container-definitions '[{"name": "web", "image": "busybox", "essential": true, "memory": 64}]' >/dev/null
aws_ecs create-service --cluster my-cluster --service-name web-service --task-definition web-app:1 \
  --desired-count 2 --launch-type FARGATE \
  --network-configuration 'awsvpcConfiguration={subnets=[subnet-12345678]}' >/dev/null
START=$(date -u -d '-5 minutes' +%Y-%m-%dT%H:%M:%SZ)

# --- the issue's commands, verbatim but for the endpoint and the times ---
"$AWS" --endpoint-url "$ECSD_ENDPOINT" application-autoscaling register-scalable-target --service-namespace ecs \
  --resource-id service/my-cluster/web-service --scalable-dimension ecs:service:DesiredCount \
  --min-capacity 2 --max-capacity 10 >/dev/null
passed "register-scalable-target succeeds"
"$AWS" --endpoint-url "$ECSD_ENDPOINT" application-autoscaling put-scaling-policy --service-namespace ecs \
  --resource-id service/my-cluster/web-service --scalable-dimension ecs:service:DesiredCount \
  --policy-name cpu-target-tracking --policy-type TargetTrackingScaling \
  --target-tracking-scaling-policy-configuration '{ "TargetValue": 70.0, "PredefinedMetricSpecification": { "PredefinedMetricType": "ECSServiceAverageCPUUtilization" }, "ScaleOutCooldown": 60, "ScaleInCooldown": 120 }' \
  >"$WORK/policy.json"
POLICY_ARN=$(grep -o '"PolicyARN": "[^"]*"' "$WORK/policy.json" | cut -d'"' -f4)
[ -n "$POLICY_ARN" ] || fail "put-scaling-policy printed $(cat "$WORK/policy.json")"
passed "put-scaling-policy answers the policy's ARN"

# statistics SINCE: the seed's get-metric-statistics from SINCE to a minute from now, as "average maximum" lines
statistics() {
  "$AWS" --endpoint-url "$ECSD_ENDPOINT" cloudwatch get-metric-statistics --namespace AWS/ECS --metric-name CPUUtilization \
    --dimensions Name=ClusterName,Value=my-cluster Name=ServiceName,Value=web-service \
    --start-time "$1" --end-time "$(date -u -d '+1 minute' +%Y-%m-%dT%H:%M:%SZ)" --period 60 --statistics Average Maximum \
    --query 'Datapoints[].[Average,Maximum,Unit]' --output text
}
has_datapoints() {
  statistics "$START" >"$WORK/statistics.txt" && [ -s "$WORK/statistics.txt" ]
}
eventually "get-metric-statistics shows the service's CPU" 60 has_datapoints
while read -r average maximum unit; do
  awk -v a="$average" -v m="$maximum" 'BEGIN { exit !(a > 85 && a < 95 && m > 85 && m < 95) }' \
    || fail "get-metric-statistics: expected an Average and Maximum near 90, got $average and $maximum"
  [ "$unit" == "Percent" ] || fail "get-metric-statistics: expected the unit Percent, got $unit"
done <"$WORK/statistics.txt"
passed "get-metric-statistics shows Average and Maximum near 90 % per minute"

# describe-alarms: both of the policy's alarms, with the description AWS gives them
"$AWS" --endpoint-url "$ECSD_ENDPOINT" cloudwatch describe-alarms --alarm-name-prefix TargetTracking-service/my-cluster/web-service \
  --query 'MetricAlarms[].[AlarmName,AlarmDescription,Threshold,EvaluationPeriods]' --output text \
  >"$WORK/alarms.txt"
[ "$(wc -l <"$WORK/alarms.txt")" -eq 2 ] || fail "describe-alarms listed $(cat "$WORK/alarms.txt")"
DESCRIPTION="DO NOT EDIT OR DELETE. For TargetTrackingScaling policy $POLICY_ARN."
grep -qP "^TargetTracking-service/my-cluster/web-service-AlarmHigh-[0-9a-f-]{36}\t\Q$DESCRIPTION\E\t70.0\t3$" \
  "$WORK/alarms.txt" || fail "describe-alarms: no high alarm at 70 over 3 periods in $(cat "$WORK/alarms.txt")"
grep -qP "^TargetTracking-service/my-cluster/web-service-AlarmLow-[0-9a-f-]{36}\t\Q$DESCRIPTION\E\t63.0\t15$" \
  "$WORK/alarms.txt" || fail "describe-alarms: no low alarm at 63 over 15 periods in $(cat "$WORK/alarms.txt")"
passed "describe-alarms lists the policy's AlarmHigh and AlarmLow with their descriptions"

# the high alarm fires after three periods and the policy scales 2 → ceil(2 × 90 / 70) = 3
high_in_alarm() {
  "$AWS" --endpoint-url "$ECSD_ENDPOINT" cloudwatch describe-alarms --alarm-name-prefix TargetTracking-service/my-cluster/web-service \
    --state-value ALARM --query 'MetricAlarms[].[AlarmName,StateReason]' --output text >"$WORK/alarm.txt" \
    && grep -q -- "-AlarmHigh-" "$WORK/alarm.txt"
}
eventually "the high alarm goes into ALARM" 60 high_in_alarm
grep -qP "\tThreshold Crossed: 3 datapoints \[.*\] were greater than the threshold \(70\.0\)\.$" "$WORK/alarm.txt" \
  || fail "describe-alarms: the high alarm's reason is $(cat "$WORK/alarm.txt")"
passed "describe-alarms --state-value ALARM shows the high alarm with CloudWatch's reason"
scaled_out() {
  "$AWS" --endpoint-url "$ECSD_ENDPOINT" application-autoscaling describe-scaling-activities --service-namespace ecs --resource-id service/my-cluster/web-service \
    --query 'ScalingActivities[-1].[Description,Cause,StatusCode,StatusMessage]' --output text >"$WORK/activity.txt" \
    && grep -q "Setting desired count to 3" "$WORK/activity.txt"
}
eventually "describe-scaling-activities shows the scale-out" 60 scaled_out
grep -qP "^Setting desired count to 3\.\tmonitor alarm TargetTracking-service/my-cluster/web-service-AlarmHigh-[0-9a-f-]{36} in state ALARM triggered policy cpu-target-tracking\tSuccessful\tSuccessfully set desired count to 3\. Change successfully fulfilled by ecs\.$" \
  "$WORK/activity.txt" || fail "describe-scaling-activities: the first activity is $(cat "$WORK/activity.txt")"
passed "describe-scaling-activities shows 'Setting desired count to 3.' caused by the high alarm"
desired=$(aws_ecs describe-services --cluster my-cluster --services web-service --query 'services[0].desiredCount' \
  --output text)
[ "$desired" -ge 3 ] || fail "the service's desired count is $desired"
passed "the service's desired count is $desired"

echo "$CHECKS checks of the issue's autoscaling commands on a loaded service passed"
