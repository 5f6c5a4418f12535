#!/usr/bin/env bash
# Checks ECS's service quotas and the errors about oversized inputs through the AWS CLI v2 that Debian ships.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/quotas-cli.sh
# Run it against a fresh server started with small quotas:
#   ecsd server --quota clusters=3 --quota services-per-cluster=2 --quota tasks-per-service=5
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
require_cli_v2

NETWORK='awsvpcConfiguration={subnets=[subnet-12345678],securityGroups=[sg-12345678]}'

aws_ecs create-cluster --cluster-name quota-1 >/dev/null
aws_ecs register-task-definition --family quota-web --requires-compatibilities FARGATE --network-mode awsvpc \
  --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"example/web:1","essential":true}]' >/dev/null

expect_error "create-service --desired-count 2147483647 is ECS's error" InvalidParameterException \
  "Desired count exceeds limit." create-service --cluster quota-1 --service-name web --task-definition quota-web \
  --desired-count 2147483647 --launch-type FARGATE --network-configuration "$NETWORK"
expect_error "one above tasks-per-service is refused too" InvalidParameterException "Desired count exceeds limit." \
  create-service --cluster quota-1 --service-name web --task-definition quota-web --desired-count 6 \
  --launch-type FARGATE --network-configuration "$NETWORK"
same "and nothing was created" "0" \
  "$(aws_ecs list-services --cluster quota-1 --query 'length(serviceArns)' --output text)"

expect "a desired count of tasks-per-service is accepted" "5" "service.desiredCount"
check create-service --cluster quota-1 --service-name web --task-definition quota-web --desired-count 5 \
  --launch-type FARGATE --network-configuration "$NETWORK"
expect_error "update-service above it is refused" InvalidParameterException "Desired count exceeds limit." \
  update-service --cluster quota-1 --service web --desired-count 6

aws_ecs create-service --cluster quota-1 --service-name api --task-definition quota-web --desired-count 0 \
  --launch-type FARGATE --network-configuration "$NETWORK" >/dev/null
expect_error "a third service in the cluster is over services-per-cluster" LimitExceededException \
  "quota of 2 services" create-service --cluster quota-1 --service-name worker --task-definition quota-web \
  --desired-count 0 --launch-type FARGATE --network-configuration "$NETWORK"

aws_ecs create-cluster --cluster-name quota-2 >/dev/null
aws_ecs create-cluster --cluster-name quota-3 >/dev/null
expect_error "a fourth cluster is over the clusters quota" LimitExceededException "quota of 3" \
  create-cluster --cluster-name quota-4

# A name of 3 MiB, sent in a file (a command-line argument holds at most 128 KiB): the error quotes 100 characters.
python3 -c 'import json, sys; json.dump({"clusterName": "n" * (3 * 1024 * 1024)}, sys.stdout)' >"$WORK/huge.json"
expect_error "a 3 MiB cluster name comes back as its first 100 characters and its length" InvalidParameterException \
  "$(printf 'n%.0s' {1..100})…(3145728 characters)' is not a valid cluster name." \
  create-cluster --cli-input-json "file://$WORK/huge.json"
[ "${#ERR}" -lt 1000 ] || fail "the error about a 3 MiB name is ${#ERR} characters long"
passed "and the whole error is short (${#ERR} characters)"

echo "OK: $CHECKS checks of ECS quotas through the aws CLI"
