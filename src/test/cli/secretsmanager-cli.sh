#!/usr/bin/env bash
# Checks Secrets Manager through the AWS CLI v2 that Debian ships (2.9, AWS JSON 1.1): the issue's create-secret and
# put-secret-value commands as a user types them, then get-secret-value (by name, ARN, partial ARN, stage),
# describe-secret, list-secrets, list-secret-version-ids, update-secret, update-secret-version-stage, tag-resource,
# untag-resource, get-random-password, delete-secret, restore-secret, and errors. (This CLI predates
# batch-get-secret-value; the SDK tests cover it.)
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/secretsmanager-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

sm() { call secretsmanager "$@"; }
sm_error() { local what=$1 code=$2 message=$3; shift 3; service_error "$what" "$code" "$message" secretsmanager "$@"; }
require_cli_v2

trap '"$AWS" --endpoint-url "$ECSD_ENDPOINT" secretsmanager delete-secret --secret-id prod/db --force-delete-without-recovery >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

# The issue's commands, verbatim but for the endpoint.
"$AWS" --endpoint-url "$ECSD_ENDPOINT" secretsmanager create-secret --name prod/db --secret-string '{"username":"app","password":"s3cr3t"}' >"$WORK/created.json"
ARN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ARN"])' "$WORK/created.json")
[[ "$ARN" =~ ^arn:aws:secretsmanager:$AWS_DEFAULT_REGION:$ACCOUNT:secret:prod/db-[A-Za-z0-9]{6}$ ]] \
  || fail "create-secret: unexpected ARN $ARN"
passed "create-secret answers an ARN with a six-character suffix"
FIRST=$(sm get-secret-value --secret-id prod/db --query VersionId --output text)
same "get-secret-value by name" '{"username":"app","password":"s3cr3t"}' \
  "$(sm get-secret-value --secret-id prod/db --query SecretString --output text)"

"$AWS" --endpoint-url "$ECSD_ENDPOINT" secretsmanager put-secret-value --secret-id prod/db --secret-string '{"password":"n3w"}' >"$WORK/put.json"
same "put-secret-value makes the new value current" '{"password":"n3w"}' \
  "$(sm get-secret-value --secret-id "$ARN" --query SecretString --output text)"
same "get-secret-value by partial ARN and AWSPREVIOUS" '{"username":"app","password":"s3cr3t"}' \
  "$(sm get-secret-value --secret-id "${ARN%-*}" --version-stage AWSPREVIOUS --query SecretString --output text)"
same "describe-secret shows the stages, not the value" "AWSPREVIOUS" \
  "$(sm describe-secret --secret-id prod/db --query "VersionIdsToStages.\"$FIRST\"[0]" --output text)"
sm describe-secret --secret-id prod/db >"$WORK/described.json"
sm list-secrets >"$WORK/listed.json"
sm list-secret-version-ids --secret-id prod/db --include-deprecated >"$WORK/versions.json"
! grep -q 's3cr3t\|n3w' "$WORK/described.json" "$WORK/listed.json" "$WORK/versions.json" \
  || fail "describe-secret, list-secrets or list-secret-version-ids showed a secret value"
passed "describe-secret, list-secrets and list-secret-version-ids carry no value"
same "list-secret-version-ids" "2" \
  "$(sm list-secret-version-ids --secret-id prod/db --query 'length(Versions)' --output text)"

sm update-secret --secret-id prod/db --description "the app's database" >/dev/null
same "list-secrets with a description filter" "prod/db" \
  "$(sm list-secrets --filters Key=description,Values=the --query 'SecretList[].Name' --output text)"
PENDING=$(sm put-secret-value --secret-id prod/db --secret-string pending-value --version-stages AWSPENDING \
  --query VersionId --output text)
CURRENT=$(sm get-secret-value --secret-id prod/db --query VersionId --output text)
sm update-secret-version-stage --secret-id prod/db --version-stage AWSCURRENT --move-to-version-id "$PENDING" \
  --remove-from-version-id "$CURRENT" >/dev/null
same "update-secret-version-stage moves AWSCURRENT" "pending-value" \
  "$(sm get-secret-value --secret-id prod/db --query SecretString --output text)"

sm tag-resource --secret-id prod/db --tags Key=team,Value=data >/dev/null
same "tag-resource" "team=data" \
  "$(sm describe-secret --secret-id prod/db --query 'Tags[0].[Key,Value]' --output text | tr '\t' '=')"
sm untag-resource --secret-id prod/db --tag-keys team >/dev/null
same "untag-resource" "0" "$(sm describe-secret --secret-id prod/db --query 'length(Tags || `[]`)' --output text)"

same "get-random-password" "20" \
  "$(sm get-random-password --password-length 20 --exclude-punctuation --query 'length(RandomPassword)' --output text)"

sm_error "create-secret of an existing name" ResourceExistsException "already exists" \
  create-secret --name prod/db --secret-string x
sm_error "get-secret-value of a missing secret" ResourceNotFoundException \
  "Secrets Manager can't find the specified secret." get-secret-value --secret-id "no/such-$$"
sm_error "delete-secret with a 3-day window" InvalidParameterException "between 7 and 30 days" \
  delete-secret --secret-id prod/db --recovery-window-in-days 3

same "delete-secret schedules the deletion" "prod/db" \
  "$(sm delete-secret --secret-id prod/db --recovery-window-in-days 7 --query Name --output text)"
sm_error "get-secret-value of a secret scheduled for deletion" InvalidRequestException \
  "because it was marked for deletion" get-secret-value --secret-id prod/db
sm restore-secret --secret-id prod/db >/dev/null
same "restore-secret" "pending-value" "$(sm get-secret-value --secret-id prod/db --query SecretString --output text)"

echo "OK: $CHECKS checks of Secrets Manager through the aws CLI"
