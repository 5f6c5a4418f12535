#!/usr/bin/env bash
# Checks SSM Parameter Store through the AWS CLI v2 that Debian ships: put-parameter (String, StringList,
# SecureString, overwrite), get-parameter (with and without decryption, name:version and name:label selectors),
# get-parameters, get-parameters-by-path, get-parameter-history, describe-parameters, label-parameter-version,
# add/remove-tags-to/from-resource, list-tags-for-resource, delete-parameter(s), and errors.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/ssm-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

ssm_error() { local what=$1 code=$2 message=$3; shift 3; service_error "$what" "$code" "$message" ssm "$@"; }
require_cli_v2

# aws ARGS...: the CLI, so that the commands below read as a user types them.
aws() {
  "$AWS" "$@" 2>"$WORK/stderr" || fail "aws $* exited with $?: $(cat "$WORK/stderr")"
}

trap '"$AWS" --endpoint-url "$ECSD_ENDPOINT" ssm delete-parameters --names /prod/api-key /prod/db/host /prod/db/replicas >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

# The issue's command, as a user types it (plus the endpoint).
version=$(aws --endpoint-url "$ECSD_ENDPOINT" ssm put-parameter --name /prod/api-key --type SecureString --value abc123 \
  --query Version --output text)
same "put-parameter stores the SecureString as version 1" "1" "$version"

encrypted=$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameter --name /prod/api-key --query Parameter.Value --output text)
[ -n "$encrypted" ] && [ "$encrypted" != "abc123" ] || fail "get-parameter without decryption answered '$encrypted'"
passed "get-parameter without --with-decryption does not answer the plaintext"

decrypted=$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameter --name /prod/api-key --with-decryption \
  --query "Parameter.[Value,Type,Version,ARN]" --output text)
same "get-parameter --with-decryption answers the value" \
  "abc123	SecureString	1	arn:aws:ssm:$AWS_DEFAULT_REGION:$ACCOUNT:parameter/prod/api-key" "$decrypted"

aws --endpoint-url "$ECSD_ENDPOINT" ssm put-parameter --name /prod/api-key --value def456 --overwrite >/dev/null
aws --endpoint-url "$ECSD_ENDPOINT" ssm label-parameter-version --name /prod/api-key --parameter-version 1 \
  --labels old >/dev/null
same "name:version selects a version" "abc123" "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameter \
  --name /prod/api-key:1 --with-decryption --query Parameter.Value --output text)"
same "name:label selects the labelled version" "abc123	:old" "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameter \
  --name /prod/api-key:old --with-decryption --query "Parameter.[Value,Selector]" --output text)"
same "the latest version is the overwritten one" "def456	2" "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameter \
  --name /prod/api-key --with-decryption --query "Parameter.[Value,Version]" --output text)"

aws --endpoint-url "$ECSD_ENDPOINT" ssm put-parameter --name /prod/db/host --type String --value db.internal \
  --tags Key=team,Value=web >/dev/null
aws --endpoint-url "$ECSD_ENDPOINT" ssm put-parameter --name /prod/db/replicas --type StringList --value a,b >/dev/null

same "get-parameters answers the found and names the missing" "/prod/db/host	/missing" \
  "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameters --names /prod/db/host /missing \
    --query "[Parameters[0].Name, InvalidParameters[0]]" --output text)"
same "get-parameters-by-path --recursive finds the tree" "/prod/api-key /prod/db/host /prod/db/replicas" \
  "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameters-by-path --path /prod --recursive \
    --query "Parameters[].Name" --output text | tr '\t' ' ')"
same "get-parameters-by-path one level" "/prod/api-key" \
  "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameters-by-path --path /prod --query "Parameters[].Name" --output text)"
same "get-parameters-by-path filters by type" "/prod/db/replicas" \
  "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameters-by-path --path /prod --recursive \
    --parameter-filters Key=Type,Values=StringList --query "Parameters[].Name" --output text)"
same "get-parameters-by-path pages of one, followed by the CLI" "/prod/api-key /prod/db/host /prod/db/replicas" \
  "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameters-by-path --path /prod --recursive --page-size 1 \
    --query "Parameters[].Name" --output text | tr '\t\n' '  ' | xargs)"

history=$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameter-history --name /prod/api-key \
  --query "Parameters[].[Version,Labels[0]]" --output text | tr '\t\n' ': ')
same "get-parameter-history keeps both versions and the label" "1:old 2:None " "$history"
case "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm get-parameter-history --name /prod/api-key --output json)" in
  *abc123* | *def456*) fail "get-parameter-history without decryption shows a SecureString value" ;;
esac
passed "get-parameter-history without --with-decryption shows no plaintext"

described=$(aws --endpoint-url "$ECSD_ENDPOINT" ssm describe-parameters \
  --parameter-filters Key=Name,Option=BeginsWith,Values=/prod/api --query "Parameters[].[Name,Type,KeyId,Version]" --output text)
same "describe-parameters by name" "/prod/api-key	SecureString	alias/aws/ssm	2" "$described"

aws --endpoint-url "$ECSD_ENDPOINT" ssm add-tags-to-resource --resource-type Parameter --resource-id /prod/db/host \
  --tags Key=env,Value=prod >/dev/null
aws --endpoint-url "$ECSD_ENDPOINT" ssm remove-tags-from-resource --resource-type Parameter --resource-id /prod/db/host \
  --tag-keys team >/dev/null
same "tags are added and removed" "env=prod" "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm list-tags-for-resource \
  --resource-type Parameter --resource-id /prod/db/host --query "TagList[].[Key,Value]" --output text | tr '\t' '=')"

ssm_error "put-parameter on an existing name without --overwrite" ParameterAlreadyExists \
  "The parameter already exists." put-parameter --name /prod/db/host --type String --value x
ssm_error "get-parameter of a missing parameter" ParameterNotFound "Parameter /prod/none not found." \
  get-parameter --name /prod/none
ssm_error "get-parameter of a missing version" ParameterVersionNotFound "could not find version 9 of /prod/api-key" \
  get-parameter --name /prod/api-key:9
ssm_error "a reserved name" ValidationException "can't be prefixed with \"aws\" or \"ssm\"" \
  put-parameter --name ssm-thing --type String --value x

aws --endpoint-url "$ECSD_ENDPOINT" ssm delete-parameter --name /prod/db/host
same "delete-parameters deletes and names the missing" "/prod/api-key	/prod/db/host" \
  "$(aws --endpoint-url "$ECSD_ENDPOINT" ssm delete-parameters --names /prod/api-key /prod/db/host \
    --query "[DeletedParameters[0], InvalidParameters[0]]" --output text)"

echo "OK: $CHECKS checks of SSM Parameter Store through the aws CLI"
