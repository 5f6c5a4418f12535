#!/usr/bin/env bash
# Checks the issue's Application Auto Scaling commands with the AWS CLI v2 against ecsd: the seed's
# register-scalable-target and put-scaling-policy (target tracking on CPU) verbatim, the policy's two alarms, the
# other operations the Debian CLI 2.9.19 knows (describe, scheduled actions, activities, deletes) and errors.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/autoscaling-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

aas() { call application-autoscaling "$@"; }
aas_error() { local what=$1 code=$2 message=$3; shift 3; service_error "$what" "$code" "$message" application-autoscaling "$@"; }
POLICY_ARN_PREFIX="arn:aws:autoscaling:$AWS_DEFAULT_REGION:$ACCOUNT:scalingPolicy:"

require_cli_v2

# the seed's service
aws_ecs create-cluster --cluster-name my-cluster >/dev/null
aws_ecs register-task-definition --family web-app --network-mode awsvpc --requires-compatibilities FARGATE \
  --cpu 256 --memory 512 \
  --container-definitions '[{"name": "web", "image": "busybox", "essential": true, "memory": 64}]' >/dev/null
aws_ecs create-service --cluster my-cluster --service-name web-service --task-definition web-app:1 \
  --desired-count 2 --launch-type FARGATE \
  --network-configuration 'awsvpcConfiguration={subnets=[subnet-12345678]}' >/dev/null

# --- the issue's commands, verbatim but for the endpoint ---
"$AWS" --endpoint-url "$ECSD_ENDPOINT" application-autoscaling register-scalable-target --service-namespace ecs \
  --resource-id service/my-cluster/web-service --scalable-dimension ecs:service:DesiredCount \
  --min-capacity 2 --max-capacity 10 >"$WORK/register.json"
# Debian's CLI 2.9.19 predates ScalableTargetARN: its model answers register-scalable-target with nothing
passed "register-scalable-target succeeds"
"$AWS" --endpoint-url "$ECSD_ENDPOINT" application-autoscaling put-scaling-policy --service-namespace ecs \
  --resource-id service/my-cluster/web-service --scalable-dimension ecs:service:DesiredCount \
  --policy-name cpu-target-tracking --policy-type TargetTrackingScaling \
  --target-tracking-scaling-policy-configuration '{ "TargetValue": 70.0, "PredefinedMetricSpecification": { "PredefinedMetricType": "ECSServiceAverageCPUUtilization" }, "ScaleOutCooldown": 60, "ScaleInCooldown": 120 }' \
  >"$WORK/policy.json"
POLICY_ARN=$(grep -o '"PolicyARN": "[^"]*"' "$WORK/policy.json" | cut -d'"' -f4)
[[ "$POLICY_ARN" == "$POLICY_ARN_PREFIX"*":resource/ecs/service/my-cluster/web-service:policyName/cpu-target-tracking" ]] \
  || fail "put-scaling-policy printed $(cat "$WORK/policy.json")"
passed "put-scaling-policy answers the policy's ARN"
grep -q '"AlarmName": "TargetTracking-service/my-cluster/web-service-AlarmHigh-' "$WORK/policy.json" \
  || fail "put-scaling-policy named no high alarm: $(cat "$WORK/policy.json")"
grep -q '"AlarmName": "TargetTracking-service/my-cluster/web-service-AlarmLow-' "$WORK/policy.json" \
  || fail "put-scaling-policy named no low alarm: $(cat "$WORK/policy.json")"
passed "the policy has its AlarmHigh and AlarmLow alarms"
"$AWS" --endpoint-url "$ECSD_ENDPOINT" application-autoscaling describe-scaling-activities --service-namespace ecs --resource-id service/my-cluster/web-service \
  >"$WORK/activities.json" || fail "describe-scaling-activities failed"
grep -q '"ScalingActivities": \[\]' "$WORK/activities.json" \
  || fail "describe-scaling-activities printed $(cat "$WORK/activities.json")"
passed "describe-scaling-activities answers (no activity yet)"

# --- the other operations ---
read -r min max dimension <<<"$(aas describe-scalable-targets --service-namespace ecs \
  --resource-ids service/my-cluster/web-service \
  --query 'ScalableTargets[0].[MinCapacity,MaxCapacity,ScalableDimension]' --output text)"
same "describe-scalable-targets shows min 2" "2" "$min"
same "and max 10" "10" "$max"
same "and the dimension" "ecs:service:DesiredCount" "$dimension"

read -r target cooldown alarms <<<"$(aas describe-scaling-policies --service-namespace ecs \
  --resource-id service/my-cluster/web-service --policy-names cpu-target-tracking \
  --query 'ScalingPolicies[0].[TargetTrackingScalingPolicyConfiguration.TargetValue,TargetTrackingScalingPolicyConfiguration.ScaleInCooldown,length(Alarms)]' \
  --output text)"
same "describe-scaling-policies shows the target value" "70.0" "$target"
same "and the scale-in cooldown" "120" "$cooldown"
same "and its two alarms" "2" "$alarms"

aas register-scalable-target --service-namespace ecs --resource-id service/my-cluster/web-service \
  --scalable-dimension ecs:service:DesiredCount --min-capacity 3 >/dev/null
desired=$(aws_ecs describe-services --cluster my-cluster --services web-service \
  --query 'services[0].desiredCount' --output text)
same "raising min to 3 raises the desired count into the range" "3" "$desired"
cause=$(aas describe-scaling-activities --service-namespace ecs --resource-id service/my-cluster/web-service \
  --query 'ScalingActivities[0].[Description,Cause,StatusCode]' --output text)
same "that change is an activity" "Setting desired count to 3.	minimum capacity was set to 3	Successful" "$cause"

aas put-scheduled-action --service-namespace ecs --resource-id service/my-cluster/web-service \
  --scalable-dimension ecs:service:DesiredCount --scheduled-action-name business-hours \
  --schedule 'cron(0 8 ? * MON-FRI *)' --timezone Europe/Berlin \
  --scalable-target-action MinCapacity=4,MaxCapacity=12 >/dev/null
scheduled="$(aas describe-scheduled-actions --service-namespace ecs \
  --scheduled-action-names business-hours \
  --query 'ScheduledActions[0].[Schedule,Timezone,ScalableTargetAction.MinCapacity]' --output text)"
same "describe-scheduled-actions shows the schedule, zone and min" "cron(0 8 ? * MON-FRI *)	Europe/Berlin	4" \
  "$scheduled"

# tag-resource, untag-resource and list-tags-for-resource came after CLI 2.9.19: the SDK tests cover them

# --- errors ---
aas_error "another namespace is refused clearly" "ValidationException" "ecsd scales only Amazon ECS services" \
  register-scalable-target --service-namespace dynamodb --resource-id table/my-table \
  --scalable-dimension dynamodb:table:ReadCapacityUnits --min-capacity 1 --max-capacity 5
aas_error "a service that does not exist" "ValidationException" "ECS service doesn't exist: service/my-cluster/nothing" \
  register-scalable-target --service-namespace ecs --resource-id service/my-cluster/nothing \
  --scalable-dimension ecs:service:DesiredCount --min-capacity 1 --max-capacity 5
aas_error "deleting a policy that does not exist" "ObjectNotFoundException" "No scaling policy found" \
  delete-scaling-policy --service-namespace ecs --resource-id service/my-cluster/web-service \
  --scalable-dimension ecs:service:DesiredCount --policy-name nothing

# --- deletes ---
aas delete-scheduled-action --service-namespace ecs --resource-id service/my-cluster/web-service \
  --scalable-dimension ecs:service:DesiredCount --scheduled-action-name business-hours >/dev/null
aas delete-scaling-policy --service-namespace ecs --resource-id service/my-cluster/web-service \
  --scalable-dimension ecs:service:DesiredCount --policy-name cpu-target-tracking >/dev/null
aas deregister-scalable-target --service-namespace ecs --resource-id service/my-cluster/web-service \
  --scalable-dimension ecs:service:DesiredCount >/dev/null
left=$(aas describe-scalable-targets --service-namespace ecs --query 'length(ScalableTargets)' --output text)
same "delete-scheduled-action, delete-scaling-policy and deregister-scalable-target leave nothing" "0" "$left"

echo "$CHECKS checks of the aws CLI's application-autoscaling commands against ecsd passed"
