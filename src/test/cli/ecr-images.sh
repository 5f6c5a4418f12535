#!/usr/bin/env bash
# Acceptance test of the images issue, typed as a user types it: create an ECR repository with the AWS CLI, log
# Docker in with the ECR token, push a locally built image, run it as a service, push a second tag and move the
# service to it with a forced deployment, and watch a task whose tag does not exist stop with ECS's pull error.
#
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 ECSD_TEST_IMAGE=ecsd-test/busybox:1 src/test/cli/ecr-images.sh
# Needs a fresh ecsd whose tasks run on Docker and which runs its registry (Debian's docker-registry), the docker
# CLI, and a local image with busybox's sh and httpd (ECSD_TEST_IMAGE). Docker's login is kept in a directory of its
# own (DOCKER_CONFIG), not the user's.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
IMAGE=${ECSD_TEST_IMAGE:-ecsd-test/busybox:1}
WAIT_SECONDS=${ECSD_WAIT_SECONDS:-180}
export DOCKER_CONFIG="$WORK/docker"
PUSHED=()
# cleanup: the images built and pushed, and every image the engine holds from this registry (the tasks' pulls)
cleanup() {
  for tag in "${PUSHED[@]}"; do docker rmi -f "$tag" >/dev/null 2>&1; done
  if [ -n "${URI:-}" ]; then
    docker images --format '{{.Repository}} {{.ID}}' | awk -v registry="${URI%%/*}/" 'index($1, registry) == 1 {print $2}' \
      | sort -u | xargs -r docker rmi -f >/dev/null 2>&1
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

require_cli_v2

# docker_ok WHAT ARGS...: runs `docker ARGS`; fails with its output on a non-zero exit.
docker_ok() {
  local what=$1
  shift
  docker "$@" >"$WORK/docker.out" 2>&1 || fail "$what: docker $* exited with $?: $(cat "$WORK/docker.out")"
  passed "$what"
}

# A service image that says which version it is; a different label gives a different image and digest.
build() {
  printf 'FROM %s\nLABEL dev.ecsd.test.version=%s\n' "$IMAGE" "$2" | docker build -q -t "$1" - >/dev/null \
    || fail "docker build of $1 failed"
  PUSHED+=("$1")
}

container_definitions() {
  printf '[{"name": "web", "image": "%s", "essential": true, "portMappings": [{"containerPort": 8080}],
    "command": ["sh", "-c", "trap \\"exit 0\\" TERM; httpd -f -p 8080 -h / & wait"]}]' "$1"
}

# register IMAGE: registers a revision of web-app running IMAGE and sets REVISION. Fargate pulls ECR images with
# the task execution role, so ECS refuses a definition of one without it.
register() {
  REVISION=$(call ecs register-task-definition --family web-app --network-mode awsvpc \
    --requires-compatibilities FARGATE --cpu 256 --memory 512 \
    --execution-role-arn "arn:aws:iam::$ACCOUNT:role/ecsTaskExecutionRole" \
    --container-definitions "$(container_definitions "$1")" --query taskDefinition.revision --output text) \
    || exit 1
}

# --- a repository, a login, a push ---
URI=$(call ecr create-repository --repository-name web-app --query repository.repositoryUri --output text)
[[ "$URI" =~ ^127\.0\.0\.1:[0-9]+/$AWS_DEFAULT_REGION/web-app$ ]] || fail "the repository URI is not one Docker pushes to: $URI"
passed "create-repository answers a URI Docker pushes to: $URI"
call ecr get-login-password >"$WORK/password"
docker login --username AWS --password-stdin "${URI%%/*}" <"$WORK/password" >"$WORK/docker.out" 2>&1 \
  || fail "docker login with the ECR token: $(cat "$WORK/docker.out")"
passed "docker login with get-login-password"

build "$URI:v2" 2
docker_ok "docker push $URI:v2" push "$URI:v2"
V2=$(docker inspect --format '{{index .RepoDigests 0}}' "$URI:v2")
V2=${V2#*@}

expect "describe-images: the tag" "v2" 'imageDetails[0].imageTags[0]'
expect "the digest Docker pushed" "$V2" 'imageDetails[0].imageDigest'
expect "a Docker v2 manifest" "application/vnd.docker.distribution.manifest.v2+json" \
  'imageDetails[0].imageManifestMediaType'
OUT=$(call ecr describe-images --repository-name web-app --output text \
  --query 'imageDetails[0].[imageTags[0], imageDigest, imageManifestMediaType]')
[ "$OUT" == "v2	$V2	application/vnd.docker.distribution.manifest.v2+json" ] \
  || fail "describe-images answered '$OUT'"
passed "describe-images: tag v2, the pushed digest, Docker's manifest type"
forget

# --- a service of the ECR image, named by ECR's host ---
call ecs create-cluster --cluster-name my-cluster >/dev/null
register "$ACCOUNT.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/web-app:v2"
call ecs create-service --cluster my-cluster --service-name web-service --task-definition "web-app:$REVISION" \
  --desired-count 1 --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[subnet-12345678],assignPublicIp=DISABLED}" >/dev/null

expect "one task RUNNING" "1" 'services[0].runningCount'
expect "its deployment COMPLETED" "COMPLETED" 'services[0].deployments[0].rolloutState'
wait_until "the service of the ECR image runs" describe-services --cluster my-cluster --services web-service

task_digest() {
  call ecs describe-tasks --cluster my-cluster --tasks $(call ecs list-tasks --cluster my-cluster \
    --service-name web-service --desired-status RUNNING --query 'taskArns' --output text) \
    --query 'tasks[].containers[0].imageDigest' --output text
}
same "the task's container reports the pushed digest" "$V2" "$(task_digest)"

# --- a second tag, and a forced deployment to it, named by the repository URI ---
build "$URI:v3" 3
docker_ok "docker push $URI:v3" push "$URI:v3"
V3=$(docker inspect --format '{{index .RepoDigests 0}}' "$URI:v3")
V3=${V3#*@}
[ "$V3" != "$V2" ] || fail "v3 has v2's digest"
register "$URI:v3"
call ecs update-service --cluster my-cluster --service web-service --task-definition "web-app:$REVISION" \
  --force-new-deployment >/dev/null
expect "one deployment left" "1" 'length(services[0].deployments)'
expect "on the new revision" "$ECS_ARN:task-definition/web-app:$REVISION" 'services[0].deployments[0].taskDefinition'
expect "COMPLETED" "COMPLETED" 'services[0].deployments[0].rolloutState'
expect "one task RUNNING" "1" 'services[0].runningCount'
wait_until "the forced deployment to v3 completed" describe-services --cluster my-cluster --services web-service
same "the running task reports v3's digest" "$V3" "$(task_digest)"

# --- a tag that does not exist ---
register "$ACCOUNT.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/web-app:missing"
TASK=$(call ecs run-task --cluster my-cluster --task-definition "web-app:$REVISION" --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[subnet-12345678]}" --query 'tasks[0].taskArn' --output text)
expect "the task stopped" "STOPPED" 'tasks[0].lastStatus'
expect "as a task that failed to start" "TaskFailedToStart" 'tasks[0].stopCode'
wait_until "the task of a missing tag stops" describe-tasks --cluster my-cluster --tasks "$TASK"
REASON=$(call ecs describe-tasks --cluster my-cluster --tasks "$TASK" --query 'tasks[0].stoppedReason' --output text)
[[ "$REASON" == CannotPullContainerError:* && "$REASON" == *"not found"* ]] \
  || fail "the stopped reason is not ECS's pull error with the registry's answer: $REASON"
passed "stoppedReason: $REASON"

# --- a service of a missing tag: its tasks fail to start, its events say why, its circuit breaker trips ---
call ecs create-service --cluster my-cluster --service-name broken-service --task-definition "web-app:$REVISION" \
  --desired-count 1 --launch-type FARGATE \
  --network-configuration "awsvpcConfiguration={subnets=[subnet-12345678],assignPublicIp=DISABLED}" \
  --deployment-configuration '{"deploymentCircuitBreaker":{"enable":true,"rollback":false}}' >/dev/null
expect "the circuit breaker failed the deployment" "FAILED" 'services[0].deployments[0].rolloutState'
wait_until "a service of a missing tag" describe-services --cluster my-cluster --services broken-service
EVENTS=$(call ecs describe-services --cluster my-cluster --services broken-service --query 'services[0].events[].message' \
  --output text)
[[ "$EVENTS" == *"deployment failed: tasks failed to start."* ]] \
  || fail "the service's events do not say the deployment failed: $EVENTS"
passed "the service's events: deployment failed: tasks failed to start."
STOPPED=$(call ecs list-tasks --cluster my-cluster --service-name broken-service --desired-status STOPPED \
  --query 'taskArns[0]' --output text)
REASON=$(call ecs describe-tasks --cluster my-cluster --tasks "$STOPPED" --query 'tasks[0].stoppedReason' --output text)
[[ "$REASON" == CannotPullContainerError:*"not found"* ]] || fail "a stopped task of the service says: $REASON"
passed "its stopped tasks say CannotPullContainerError"
call ecs delete-service --cluster my-cluster --service broken-service --force >/dev/null

# --- IMMUTABLE tags refuse a re-push ---
call ecr put-image-tag-mutability --repository-name web-app --image-tag-mutability IMMUTABLE >/dev/null
build "$URI:v2" 4
docker push "$URI:v2" >"$WORK/docker.out" 2>&1 && fail "a re-push of v2 into an IMMUTABLE repository was accepted"
grep -q "tag invalid: The image tag 'v2' already exists in the 'web-app' repository and cannot be overwritten because the repository is immutable." "$WORK/docker.out" \
  || fail "the refused re-push does not say why: $(cat "$WORK/docker.out")"
passed "IMMUTABLE: docker push of an existing tag is refused with ECR's message"
same "v2 still names the first image" "$V2" "$(call ecr describe-images --repository-name web-app \
  --image-ids imageTag=v2 --query 'imageDetails[0].imageDigest' --output text)"

call ecs update-service --cluster my-cluster --service web-service --desired-count 0 >/dev/null
call ecs delete-service --cluster my-cluster --service web-service --force >/dev/null
echo "all $CHECKS checks passed"
