#!/usr/bin/env bash
# Checks Amazon ECR through the AWS CLI v2 that Debian ships: create-repository (mutability, scanning, tags),
# describe-repositories (by name, all of them, paging), get-authorization-token and get-login-password (the token
# Docker logs in with), put-image-tag-mutability, put-image, describe-images, delete-repository with and without
# --force, lifecycle policies (put/get-lifecycle-policy, start/get-lifecycle-policy-preview, and the policy applied),
# and ECR's errors.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/ecr-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws. put-image
# needs a server with a registry. It prints "login-password: <password>" for its caller to check the password.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
require_cli_v2

REGION=$AWS_DEFAULT_REGION
NAME="cli/web-app-$$"
ARN="arn:aws:ecr:$REGION:$ACCOUNT:repository/$NAME"

ecr() {
  call ecr "$@"
}

# the token's endpoint is the registry's address, which every repository URI starts with
proxy=$(ecr get-authorization-token --query 'authorizationData[0].proxyEndpoint' --output text)
ADDRESS=${proxy#http://}
[ "$ADDRESS" != "$proxy" ] || fail "get-authorization-token: the proxy endpoint is not http://: $proxy"
passed "get-authorization-token answers the registry's http:// endpoint"

same "create-repository answers its ARN, URI and settings" \
  "$ARN	$ADDRESS/$REGION/$NAME	MUTABLE	True	AES256	$ACCOUNT" \
  "$(ecr create-repository --repository-name "$NAME" --image-scanning-configuration scanOnPush=true \
    --tags Key=team,Value=blue \
    --query 'repository.[repositoryArn, repositoryUri, imageTagMutability, imageScanningConfiguration.scanOnPush,
      encryptionConfiguration.encryptionType, registryId]' --output text)"

service_error "create-repository of an existing name" RepositoryAlreadyExistsException \
  "The repository with name '$NAME' already exists in the registry with id '$ACCOUNT'" \
  ecr create-repository --repository-name "$NAME"
service_error "create-repository of an upper-case name" InvalidParameterException "repositoryName" \
  ecr create-repository --repository-name Web
service_error "create-repository of a name ending in a slash" InvalidParameterException "repositoryName" \
  ecr create-repository --repository-name web/

same "describe-repositories by name" "$NAME	MUTABLE" \
  "$(ecr describe-repositories --repository-names "$NAME" \
    --query 'repositories[0].[repositoryName, imageTagMutability]' --output text)"
ecr create-repository --repository-name "cli/second-$$" >/dev/null
ecr create-repository --repository-name "cli/third-$$" >/dev/null
# the CLI applies --query to each page it fetches: the names are counted from its text output
same "describe-repositories follows nextToken through pages of one" "3" \
  "$(ecr describe-repositories --page-size 1 --query 'repositories[].repositoryName' --output text | wc -w)"
same "list-tags-for-resource by the repository's ARN" "team	blue" \
  "$(ecr list-tags-for-resource --resource-arn "$ARN" --query 'tags[0].[Key, Value]' --output text)"
service_error "describe-repositories of a missing name" RepositoryNotFoundException \
  "The repository with name 'cli/missing' does not exist in the registry with id '$ACCOUNT'" \
  ecr describe-repositories --repository-names cli/missing

token=$(ecr get-authorization-token --query 'authorizationData[0].authorizationToken' --output text)
same "the authorization token is base64 of AWS:<password>" "AWS:" "$(base64 -d <<<"$token" | cut -c1-4)"
password=$(ecr get-login-password)
[ -n "$password" ] || fail "get-login-password printed nothing"
passed "get-login-password prints a password"
echo "login-password: $password"

same "put-image-tag-mutability answers the new setting" "IMMUTABLE" \
  "$(ecr put-image-tag-mutability --repository-name "$NAME" --image-tag-mutability IMMUTABLE \
    --query imageTagMutability --output text)"
same "describe-repositories shows it" "IMMUTABLE" \
  "$(ecr describe-repositories --repository-names "$NAME" --query 'repositories[0].imageTagMutability' \
    --output text)"

MANIFEST='{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":100,"digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":2000,"digest":"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}]}'
same "put-image answers the manifest's digest" \
  "sha256:$(printf '%s' "$MANIFEST" | sha256sum | cut -d' ' -f1)" \
  "$(ecr put-image --repository-name "$NAME" --image-tag v1 --image-manifest "$MANIFEST" \
    --query image.imageId.imageDigest --output text)"
service_error "put-image of a tag an IMMUTABLE repository has" ImageTagAlreadyExistsException \
  "The image tag 'v1' already exists in the '$NAME' repository and cannot be overwritten because the repository is immutable." \
  ecr put-image --repository-name "$NAME" --image-tag v1 --image-manifest "${MANIFEST/2000/2001}"
same "describe-images answers its tag and size" "v1	2100" \
  "$(ecr describe-images --repository-name "$NAME" --query 'imageDetails[0].[imageTags[0], imageSizeInBytes]' \
    --output text)"

# --- lifecycle policies: checked as ECR checks them, previewed, and applied ---
LC="cli/lifecycle-$$"
KEEP_TWO='{"rules":[{"rulePriority":1,"description":"keep the last 2 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]}'
UNTAGGED='{"rulePriority":%d,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}'
TWO_UNTAGGED="{\"rules\":[$(printf "$UNTAGGED" 1),$(printf "$UNTAGGED" 2)]}"
ecr create-repository --repository-name "$LC" >/dev/null
for n in 1 2 3; do
  ecr put-image --repository-name "$LC" --image-tag "l$n" --image-manifest "${MANIFEST/2000/200$n}" >/dev/null
done
service_error "get-lifecycle-policy-preview before a preview" LifecyclePolicyPreviewNotFoundException \
  "There is no dry run for this repository." ecr get-lifecycle-policy-preview --repository-name "$LC"
service_error "start-lifecycle-policy-preview with no text and no policy" LifecyclePolicyNotFoundException \
  "Lifecycle policy does not exist for the repository with name '$LC'" \
  ecr start-lifecycle-policy-preview --repository-name "$LC"
service_error "put-lifecycle-policy of two rules selecting untagged images" InvalidParameterException \
  "Lifecycle policy validation failure: Only one rule can select Untagged images." \
  ecr put-lifecycle-policy --repository-name "$LC" --lifecycle-policy-text "$TWO_UNTAGGED"
same "start-lifecycle-policy-preview starts a dry run" "IN_PROGRESS" \
  "$(ecr start-lifecycle-policy-preview --repository-name "$LC" --lifecycle-policy-text "$KEEP_TWO" \
    --query status --output text)"
same "get-lifecycle-policy-preview answers the oldest image as expiring by rule 1" "COMPLETE	1	l1	1	EXPIRE" \
  "$(ecr get-lifecycle-policy-preview --repository-name "$LC" --query '[status, summary.expiringImageTotalCount,
    previewResults[0].imageTags[0], previewResults[0].appliedRulePriority, previewResults[0].action.type]' \
    --output text)"
same "a preview expires nothing" "3" \
  "$(ecr describe-images --repository-name "$LC" --query 'length(imageDetails)' --output text)"
same "put-lifecycle-policy answers the text as given" "$KEEP_TWO" \
  "$(ecr put-lifecycle-policy --repository-name "$LC" --lifecycle-policy-text "$KEEP_TWO" \
    --query lifecyclePolicyText --output text)"
same "get-lifecycle-policy answers it" "$KEEP_TWO" \
  "$(ecr get-lifecycle-policy --repository-name "$LC" --query lifecyclePolicyText --output text)"
deadline=$((SECONDS + 60))
until [ "$(ecr describe-images --repository-name "$LC" --query 'sort(imageDetails[].imageTags[0])' \
  --output text)" == "l2	l3" ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "the lifecycle policy did not leave l2 and l3 within 60s"
  sleep 1
done
passed "the policy applied leaves the two newest images"
[ "$(ecr get-lifecycle-policy --repository-name "$LC" --query lastEvaluatedAt --output text)" != "None" ] \
  || fail "get-lifecycle-policy has no lastEvaluatedAt once the policy was applied"
passed "get-lifecycle-policy answers when the policy was applied"
ecr delete-repository --repository-name "$LC" --force >/dev/null

service_error "delete-repository of a repository with images" RepositoryNotEmptyException \
  "cannot be deleted because it still contains images" ecr delete-repository --repository-name "$NAME"
same "delete-repository --force answers the repository" "$NAME" \
  "$(ecr delete-repository --repository-name "$NAME" --force --query repository.repositoryName --output text)"
service_error "the deleted repository is gone" RepositoryNotFoundException "does not exist" \
  ecr describe-repositories --repository-names "$NAME"
ecr delete-repository --repository-name "cli/second-$$" >/dev/null
ecr delete-repository --repository-name "cli/third-$$" >/dev/null
same "describe-repositories after the deletes" "0" \
  "$(ecr describe-repositories --query 'repositories[].repositoryName' --output text | wc -w)"

echo "OK: $CHECKS checks of Amazon ECR through the aws CLI"
