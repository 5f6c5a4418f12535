#!/usr/bin/env bash
# Checks CloudWatch's alarm operations through the AWS CLI v2 that Debian ships (2.9, which speaks AWS Query/XML to
# CloudWatch): put-metric-alarm, describe-alarms, describe-alarms-for-metric, set-alarm-state, describe-alarm-history,
# disable/enable-alarm-actions, tag-resource, list-tags-for-resource, untag-resource, delete-alarms, and errors.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/cloudwatch-alarms-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

aws_cw() { call cloudwatch "$@"; }
cw_error() { local what=$1 code=$2 message=$3; shift 3; service_error "$what" "$code" "$message" cloudwatch "$@"; }
require_cli_v2

ALARM="TargetTracking-service/my-cluster/web-service-AlarmHigh-cli$$"
ALARM_ARN="arn:aws:cloudwatch:$AWS_DEFAULT_REGION:$ACCOUNT:alarm:$ALARM"
POLICY="arn:aws:autoscaling:$AWS_DEFAULT_REGION:$ACCOUNT:scalingPolicy:0b4f9d55-7f35-4c43-9b59-8a0b1a2b3c4d:resource/ecs/service/my-cluster/web-service:policyName/cpu-target-tracking"

aws_cw put-metric-alarm --alarm-name "$ALARM" --namespace AWS/ECS --metric-name CPUUtilization \
  --dimensions Name=ClusterName,Value=my-cluster Name=ServiceName,Value=web-service \
  --statistic Average --period 60 --evaluation-periods 3 --threshold 70 \
  --comparison-operator GreaterThanThreshold --alarm-actions "$POLICY" \
  --alarm-description "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy $POLICY." \
  --tags Key=team,Value=web
trap '"$AWS" --endpoint-url "$ECSD_ENDPOINT" cloudwatch delete-alarms --alarm-names "$ALARM" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
passed "put-metric-alarm creates the alarm"

described=$(aws_cw describe-alarms --alarm-name-prefix TargetTracking-service/my-cluster/web-service \
  --query "MetricAlarms[?AlarmName=='$ALARM'].[AlarmArn,StateValue,StateReason,DatapointsToAlarm,Threshold]" \
  --output text)
same "describe-alarms by prefix: the alarm, new, in INSUFFICIENT_DATA" \
  "$ALARM_ARN	INSUFFICIENT_DATA	Unchecked: Initial alarm creation	3	70.0" "$described"

for_metric=$(aws_cw describe-alarms-for-metric --namespace AWS/ECS --metric-name CPUUtilization \
  --dimensions Name=ClusterName,Value=my-cluster Name=ServiceName,Value=web-service \
  --query "MetricAlarms[?AlarmName=='$ALARM'] | length(@)" --output text)
same "describe-alarms-for-metric finds it" "1" "$for_metric"

aws_cw set-alarm-state --alarm-name "$ALARM" --state-value ALARM --state-reason "Testing from the CLI" \
  --state-reason-data '{"source":"cli"}'
state=$(aws_cw describe-alarms --alarm-names "$ALARM" --state-value ALARM \
  --query 'MetricAlarms[0].[StateValue,StateReason,StateReasonData]' --output text)
same "set-alarm-state sets the state, its reason and data" 'ALARM	Testing from the CLI	{"source":"cli"}' "$state"

history=$(aws_cw describe-alarm-history --alarm-name "$ALARM" --history-item-type StateUpdate \
  --query 'AlarmHistoryItems[].HistorySummary' --output text)
same "describe-alarm-history shows the state update" "Alarm updated from INSUFFICIENT_DATA to ALARM" "$history"
actions=$(aws_cw describe-alarm-history --alarm-name "$ALARM" --history-item-type Action \
  --query 'AlarmHistoryItems[].HistorySummary' --output text)
same "describe-alarm-history shows the scaling action" "Successfully executed action $POLICY" "$actions"

aws_cw disable-alarm-actions --alarm-names "$ALARM"
same "disable-alarm-actions" "False" \
  "$(aws_cw describe-alarms --alarm-names "$ALARM" --query 'MetricAlarms[0].ActionsEnabled' --output text)"
aws_cw enable-alarm-actions --alarm-names "$ALARM"
same "enable-alarm-actions" "True" \
  "$(aws_cw describe-alarms --alarm-names "$ALARM" --query 'MetricAlarms[0].ActionsEnabled' --output text)"

aws_cw tag-resource --resource-arn "$ALARM_ARN" --tags Key=env,Value=dev
aws_cw untag-resource --resource-arn "$ALARM_ARN" --tag-keys team
same "tag-resource, untag-resource, list-tags-for-resource" "env	dev" \
  "$(aws_cw list-tags-for-resource --resource-arn "$ALARM_ARN" --query 'Tags[].[Key,Value]' --output text)"

cw_error "put-metric-alarm refuses a period of 45 s" InvalidParameterValue "Period must be 10, 20, 30 or a multiple of 60" \
  put-metric-alarm --alarm-name bad --namespace AWS/ECS --metric-name CPUUtilization --statistic Average \
  --period 45 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanThreshold
cw_error "set-alarm-state on a missing alarm" ResourceNotFound "not found" \
  set-alarm-state --alarm-name "no-such-alarm-$$" --state-value OK --state-reason x
cw_error "list-tags-for-resource of a missing alarm" ResourceNotFoundException "does not exist" \
  list-tags-for-resource --resource-arn "arn:aws:cloudwatch:$AWS_DEFAULT_REGION:$ACCOUNT:alarm:no-such-alarm-$$"

aws_cw delete-alarms --alarm-names "$ALARM"
same "delete-alarms" "0" \
  "$(aws_cw describe-alarms --alarm-names "$ALARM" --query 'length(MetricAlarms)' --output text)"
deleted=$(aws_cw describe-alarm-history --alarm-name "$ALARM" --history-item-type ConfigurationUpdate \
  --query 'AlarmHistoryItems[0].HistorySummary' --output text)
same "the history of a deleted alarm is kept" "Alarm \"$ALARM\" deleted" "$deleted"

echo "OK: $CHECKS checks of CloudWatch alarms through the aws CLI"
