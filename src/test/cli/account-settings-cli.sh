#!/usr/bin/env bash
# Checks ECS account settings through the AWS CLI v2 that Debian ships: put-account-setting-default,
# put-account-setting (for the caller and for a user), list-account-settings with and without
# --effective-settings, the default of a new cluster's containerInsights, delete-account-setting, and ECS's errors.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/account-settings-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
# The settings it leaves are deleted again at the end; run it against a server whose account settings are unset.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
require_cli_v2

ROOT="arn:aws:iam::$ACCOUNT:root"
USER="arn:aws:iam::$ACCOUNT:user/cli-user-$$"
CLUSTER="account-settings-cli-$$"

expect "put-account-setting-default answers the root user's setting" "containerInsights enhanced $ROOT" \
  "join(' ', [setting.name, setting.value, setting.principalArn])"
check put-account-setting-default --name containerInsights --value enhanced

expect "put-account-setting for a user answers that user" "awsvpcTrunking enabled $USER" \
  "join(' ', [setting.name, setting.value, setting.principalArn])"
check put-account-setting --name awsvpcTrunking --value enabled --principal-arn "$USER"

expect "put-account-setting without a principal sets the caller's, the root user's" \
  "defaultLogDriverMode blocking $ROOT" \
  "join(' ', [setting.name, setting.value, setting.principalArn])"
check put-account-setting --name defaultLogDriverMode --value blocking

expect "list-account-settings: the root user's own settings, by name" "containerInsights defaultLogDriverMode" \
  "join(' ', settings[].name)"
check list-account-settings

# The CLI applies --query to each page it fetches, so the effective settings are checked from their text lines;
# its model (2.9) predates the settings' type, which it drops.
effective=$(aws_ecs list-account-settings --effective-settings --principal-arn "$USER" \
  --query 'settings[].[name, value, principalArn]' --output text)
same "list-account-settings --effective-settings: all twelve (the CLI follows nextToken past ten)" "12" \
  "$(grep -c . <<<"$effective")"
same "the user's own awsvpcTrunking" "awsvpcTrunking	enabled	$USER" "$(grep '^awsvpcTrunking' <<<"$effective")"
same "the account's containerInsights" "containerInsights	enhanced	$ROOT" \
  "$(grep '^containerInsights' <<<"$effective")"
same "ECS's fargateTaskRetirementWaitPeriod" "fargateTaskRetirementWaitPeriod	7	$ROOT" \
  "$(grep '^fargateTaskRetirementWaitPeriod' <<<"$effective")"
same "ECS's guardDutyActivate" "guardDutyActivate	off	$ROOT" "$(grep '^guardDutyActivate' <<<"$effective")"
expect "--max-results 3 --no-paginate: one page of three" \
  "awsvpcTrunking containerInsights containerInstanceLongArnFormat" \
  "join(' ', settings[].name)"
expect "and a token for the next" "True" "nextToken != null"
check list-account-settings --effective-settings --max-results 3 --no-paginate

expect "create-cluster takes the account's containerInsights" "enhanced" \
  "cluster.settings[?name=='containerInsights'] | [0].value"
check create-cluster --cluster-name "$CLUSTER"
aws_ecs delete-cluster --cluster "$CLUSTER" >/dev/null

expect "delete-account-setting answers the setting deleted" "awsvpcTrunking enabled $USER" \
  "join(' ', [setting.name, setting.value, setting.principalArn])"
check delete-account-setting --name awsvpcTrunking --principal-arn "$USER"
same "the user has no setting of its own left" "0" \
  "$(aws_ecs list-account-settings --principal-arn "$USER" --query 'length(settings)' --output text)"

expect_error "a long ARN format cannot be turned off" InvalidParameterException \
  "You can no longer disable Long Arn settings" put-account-setting --name serviceLongArnFormat --value disabled
expect_error "fargateTaskRetirementWaitPeriod takes 0, 7 or 14" InvalidParameterException \
  "Valid values are 0, 7, 14." put-account-setting-default --name fargateTaskRetirementWaitPeriod --value 30

aws_ecs delete-account-setting --name containerInsights >/dev/null
aws_ecs delete-account-setting --name defaultLogDriverMode >/dev/null
same "the account's settings deleted again" "0" \
  "$(aws_ecs list-account-settings --query 'length(settings)' --output text)"

echo "OK: $CHECKS checks of ECS account settings through the aws CLI"
