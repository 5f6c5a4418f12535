#!/usr/bin/env bash
# Checks temporary credentials through the AWS CLI v2 that Debian ships (2.9, AWS Query/XML to STS): get-caller-identity
# with the server's keys, assume-role, then ECS and STS called with the role's AWS_SESSION_TOKEN, get-session-token,
# and the errors of bad requests and bad tokens.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/sts-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

sts_error() { local what=$1 code=$2 message=$3; shift 3; service_error "$what" "$code" "$message" sts "$@"; }
require_cli_v2
ROLE="arn:aws:iam::$ACCOUNT:role/app"

same "get-caller-identity with the server's keys: the account's root" "$ACCOUNT	arn:aws:iam::$ACCOUNT:root	$ACCOUNT" \
  "$(call sts get-caller-identity --query '[Account,Arn,UserId]' --output text)"

call sts assume-role --role-arn "$ROLE" --role-session-name cli-session --duration-seconds 900 >"$WORK/assumed.json"
read -r KEY SECRET TOKEN ASSUMED_ARN ASSUMED_ID < <(python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
c = a["Credentials"]
print(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"], a["AssumedRoleUser"]["Arn"], a["AssumedRoleUser"]["AssumedRoleId"])
' "$WORK/assumed.json")
[[ "$KEY" == ASIA* ]] || fail "assume-role: the access key id should start with ASIA, got $KEY"
same "assume-role names the assumed-role ARN" "arn:aws:sts::$ACCOUNT:assumed-role/app/cli-session" "$ASSUMED_ARN"

as_role() {
  AWS_ACCESS_KEY_ID="$KEY" AWS_SECRET_ACCESS_KEY="$SECRET" AWS_SESSION_TOKEN="$TOKEN" "$@"
}
as_role call ecs create-cluster --cluster-name "sts-cli-$$" >/dev/null
trap '"$AWS" --endpoint-url "$ECSD_ENDPOINT" ecs delete-cluster --cluster "sts-cli-$$" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
same "ecs list-clusters with the role's credentials" "$ECS_ARN:cluster/sts-cli-$$" \
  "$(as_role call ecs list-clusters --query "clusterArns[?ends_with(@, '/sts-cli-$$')] | [0]" --output text)"
same "sts get-caller-identity with the role's credentials: the assumed role" "$ASSUMED_ARN	$ASSUMED_ID" \
  "$(as_role call sts get-caller-identity --query '[Arn,UserId]' --output text)"
as_role sts_error "assume-role from a role session for more than an hour" ValidationError \
  "exceeds the 1 hour session limit for roles assumed by role chaining" \
  assume-role --role-arn "$ROLE" --role-session-name chained --duration-seconds 7200
as_role sts_error "get-session-token from a session" AccessDenied "Cannot call GetSessionToken with session credentials" \
  get-session-token

AWS_ACCESS_KEY_ID="$KEY" AWS_SECRET_ACCESS_KEY="$SECRET" AWS_SESSION_TOKEN="${TOKEN}x" \
  sts_error "a tampered session token, to STS" InvalidClientTokenId "The security token included in the request is invalid." \
  get-caller-identity
AWS_ACCESS_KEY_ID="$KEY" AWS_SECRET_ACCESS_KEY="$SECRET" AWS_SESSION_TOKEN="${TOKEN}x" \
  service_error "a tampered session token, to ECS" UnrecognizedClientException \
  "The security token included in the request is invalid." ecs list-clusters

sts_error "assume-role of a user, not a role" ValidationError "arn:aws:iam::$ACCOUNT:user/bob is invalid" \
  assume-role --role-arn "arn:aws:iam::$ACCOUNT:user/bob" --role-session-name s1
sts_error "assume-role with a session name AWS refuses" ValidationError \
  "Value 'a b' at 'roleSessionName' failed to satisfy constraint" \
  assume-role --role-arn "$ROLE" --role-session-name "a b"
# (the CLI itself refuses fewer than 900 seconds, exit code 252, before asking)
sts_error "assume-role for more than 12 hours" ValidationError \
  "Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200" \
  assume-role --role-arn "$ROLE" --role-session-name s1 --duration-seconds 43201

same "get-session-token from the server's keys: an hour, as for an account's root" "ASIA" \
  "$(call sts get-session-token --query 'Credentials.AccessKeyId' --output text | cut -c1-4)"

echo "OK: $CHECKS checks of STS and temporary credentials through the aws CLI"
