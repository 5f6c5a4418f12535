# Sourced by the acceptance scripts here: the endpoint, the CLI and its credentials, a work directory, and the
# helpers that call the CLI and check its answers. A script that sets its own EXIT trap removes "$WORK" in it.

: "${ECSD_ENDPOINT:?set ECSD_ENDPOINT to the ecsd endpoint, for example http://127.0.0.1:4566}"
AWS=${AWS_CLI:-/usr/bin/aws} # the Debian CLI v2; an older pip CLI v1 may come first on PATH
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test}
export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
export AWS_PAGER=""

ACCOUNT=000000000000
ECS_ARN="arn:aws:ecs:$AWS_DEFAULT_REGION:$ACCOUNT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CHECKS=0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

passed() {
  CHECKS=$((CHECKS + 1))
  echo "ok - $1"
}

# require_cli_v2: fails unless $AWS is the AWS CLI v2, whose output the checks expect.
require_cli_v2() {
  "$AWS" --version 2>&1 | grep -q '^aws-cli/2\.' || fail "$AWS is not the AWS CLI v2: $("$AWS" --version 2>&1)"
}

# aws_ecs ARGS... / aws_logs ARGS...: runs the command against ecsd; prints its stdout; fails on a non-zero exit.
aws_ecs() {
  "$AWS" --endpoint-url "$ECSD_ENDPOINT" ecs "$@" 2>"$WORK/stderr" || fail "aws ecs $* exited with $?: $(cat "$WORK/stderr")"
}
aws_logs() {
  "$AWS" --endpoint-url "$ECSD_ENDPOINT" logs "$@" 2>"$WORK/stderr" || fail "aws logs $* exited with $?: $(cat "$WORK/stderr")"
}

# call SERVICE ARGS...: runs `aws SERVICE ARGS` against ecsd; prints its stdout; fails on a non-zero exit.
call() {
  local service=$1
  shift
  "$AWS" --endpoint-url "$ECSD_ENDPOINT" "$service" "$@" 2>"$WORK/stderr" \
    || fail "aws $service $* exited with $?: $(cat "$WORK/stderr")"
}

# service_error WHAT CODE MESSAGE SERVICE ARGS...: `aws SERVICE ARGS` must exit 254 with the AWS error CODE and
# MESSAGE (the other services' counterpart of expect_error, which is ECS's).
service_error() {
  local what=$1 code=$2 message=$3 service=$4 status=0
  shift 4
  "$AWS" --endpoint-url "$ECSD_ENDPOINT" "$service" "$@" >"$WORK/stdout" 2>"$WORK/stderr" || status=$?
  [ "$status" -eq 254 ] || fail "$what: expected exit code 254, got $status: $(cat "$WORK/stderr")"
  grep -q "An error occurred ($code)" "$WORK/stderr" || fail "$what: expected a $code, got: $(cat "$WORK/stderr")"
  grep -qF "$message" "$WORK/stderr" || fail "$what: expected the message '$message', got: $(cat "$WORK/stderr")"
  passed "$what"
}

# same WHAT EXPECTED ACTUAL: the two must be equal.
same() {
  [ "$2" == "$3" ] || fail "$1: expected '$2', got '$3'"
  passed "$1"
}

# run ARGS...: runs `aws ecs ARGS` against ecsd; sets OUT (stdout), ERR (stderr) and STATUS (exit code).
run() {
  OUT=$("$AWS" --endpoint-url "$ECSD_ENDPOINT" ecs "$@" 2>"$WORK/stderr")
  STATUS=$?
  ERR=$(cat "$WORK/stderr")
}

# One CLI call checks several values (each call costs a second or more of Python start-up):
#   expect WHAT EXPECTED JMESPATH   adds a value to check, then
#   check ARGS...                   runs `aws ecs ARGS --output text --query '[JMESPATH, ...]'` once and
#                                   compares every value, in order. Values must be scalars and not empty.
WHATS=()
EXPECTED=()
PATHS=()
expect() {
  WHATS+=("$1")
  EXPECTED+=("$2")
  PATHS+=("$3")
}
query() {
  (IFS=,; echo "[${PATHS[*]}]")
}
forget() {
  WHATS=()
  EXPECTED=()
  PATHS=()
}
check() {
  local got i
  run "$@" --output text --query "$(query)"
  [ "$STATUS" -eq 0 ] || fail "aws ecs $* exited with $STATUS: $ERR"
  IFS=$'\t' read -r -a got <<<"$OUT"
  for i in "${!PATHS[@]}"; do
    [ "${got[$i]-<nothing>}" == "${EXPECTED[$i]}" ] \
      || fail "${WHATS[$i]}: expected '${EXPECTED[$i]}', got '${got[$i]-<nothing>}' (${PATHS[$i]} of aws ecs $1)"
    passed "${WHATS[$i]}"
  done
  forget
}

# expect_error WHAT TYPE MESSAGE ARGS...: `aws ecs ARGS` must exit 254 with the AWS error TYPE and MESSAGE.
expect_error() {
  local what=$1 type=$2 message=$3
  shift 3
  run "$@"
  [ "$STATUS" -eq 254 ] || fail "$what: expected exit code 254, got $STATUS (stdout: $OUT; stderr: $ERR)"
  [[ "$ERR" == *"An error occurred ($type)"* ]] || fail "$what: expected a $type, got: $ERR"
  [[ "$ERR" == *"$message"* ]] || fail "$what: expected the message '$message', got: $ERR"
  passed "$what"
}

# compare: whether every value of the last `run` ($OUT, tab-separated) equals what `expect` lined up.
compare() {
  local got i
  IFS=$'\t' read -r -a got <<<"$OUT"
  for i in "${!PATHS[@]}"; do
    [ "${got[$i]-<nothing>}" == "${EXPECTED[$i]}" ] || return 1
  done
}

# wait_until WHAT ARGS...: repeats `aws ecs ARGS` with the expected values until they all match, for at most
# WAIT_SECONDS (a script sets it; 60 otherwise); fails with the last answer otherwise.
wait_until() {
  local what=$1 deadline=$((SECONDS + ${WAIT_SECONDS:-60}))
  shift
  while :; do
    run "$@" --output text --query "$(query)"
    [ "$STATUS" -eq 0 ] || fail "$what: aws ecs $* exited with $STATUS: $ERR"
    if compare; then
      passed "$what"
      forget
      return
    fi
    [ "$SECONDS" -lt "$deadline" ] || fail "$what: not within ${WAIT_SECONDS:-60}s; last answer to $(query): $OUT"
    sleep 1
  done
}
