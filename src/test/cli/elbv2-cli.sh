#!/usr/bin/env bash
# Checks the issue's ELBv2 commands with the AWS CLI v2 against ecsd: a load balancer, a target group with health
# check flags and a deregistration delay, a listener forwarding to it, a path-pattern rule, targets registered and
# deregistered, their health, tags, an error, and pagination with --page-size and --marker (the CLI passes
# --page-size on as ELBv2's PageSize and turns its own paging off) or --max-items and --starting-token.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 [ELB_LISTENER_PORT=8080] src/test/cli/elbv2-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
PORT=${ELB_LISTENER_PORT:-8080}
ELB_ARN="arn:aws:elasticloadbalancing:$AWS_DEFAULT_REGION:$ACCOUNT"

# elb ARGS...: runs `aws elbv2 ARGS` against ecsd; prints its stdout; fails on a non-zero exit.
elb() {
  "$AWS" --endpoint-url "$ECSD_ENDPOINT" elbv2 "$@" 2>"$WORK/stderr" \
    || fail "aws elbv2 $* exited with $?: $(cat "$WORK/stderr")"
}

# same WHAT EXPECTED ACTUAL: the two must be equal.
same() {
  [ "$2" == "$3" ] || fail "$1: expected '$2', got '$3'"
  passed "$1"
}

require_cli_v2

LB=$(elb create-load-balancer --name web-lb --type application \
  --subnets subnet-12345678 subnet-87654321 --security-groups sg-12345678 \
  --query 'LoadBalancers[0].LoadBalancerArn' --output text)
[[ "$LB" == "$ELB_ARN:loadbalancer/app/web-lb/"* ]] || fail "create-load-balancer printed '$LB'"
passed "create-load-balancer answers the load balancer's ARN"
read -r state dns <<<"$(elb describe-load-balancers --names web-lb \
  --query 'LoadBalancers[0].[State.Code,DNSName]' --output text)"
same "the load balancer is active" "active" "$state"
[[ "$dns" =~ ^web-lb-[0-9]+\.$AWS_DEFAULT_REGION\.elb\.localhost$ ]] || fail "DNS name '$dns' does not end in .localhost"
passed "its DNS name resolves to loopback: $dns"

TG=$(elb create-target-group --name web-tg --protocol HTTP --port 8080 --target-type ip \
  --vpc-id vpc-12345678 --health-check-path /health --health-check-interval-seconds 5 \
  --healthy-threshold-count 2 --query 'TargetGroups[0].TargetGroupArn' --output text)
[[ "$TG" == "$ELB_ARN:targetgroup/web-tg/"* ]] || fail "create-target-group printed '$TG'"
passed "create-target-group answers the target group's ARN"
read -r path interval timeout healthy matcher <<<"$(elb describe-target-groups --target-group-arns "$TG" \
  --query 'TargetGroups[0].[HealthCheckPath,HealthCheckIntervalSeconds,HealthCheckTimeoutSeconds,HealthyThresholdCount,Matcher.HttpCode]' \
  --output text)"
same "the health check path" "/health" "$path"
same "the health check interval" "5" "$interval"
same "the health check timeout stays below the interval" "4" "$timeout"
same "the healthy threshold" "2" "$healthy"
same "the matcher" "200" "$matcher"

elb modify-target-group-attributes --target-group-arn "$TG" \
  --attributes Key=deregistration_delay.timeout_seconds,Value=10 >/dev/null
delay=$(elb describe-target-group-attributes --target-group-arn "$TG" \
  --query "Attributes[?Key=='deregistration_delay.timeout_seconds'].Value" --output text)
same "modify-target-group-attributes sets the deregistration delay" "10" "$delay"

LISTENER=$(elb create-listener --load-balancer-arn "$LB" --protocol HTTP --port "$PORT" \
  --default-actions Type=forward,TargetGroupArn="$TG" --query 'Listeners[0].ListenerArn' --output text)
[[ "$LISTENER" == "$ELB_ARN:listener/app/web-lb/"* ]] || fail "create-listener printed '$LISTENER'"
passed "create-listener answers the listener's ARN"
used_by=$(elb describe-target-groups --names web-tg --query 'TargetGroups[0].LoadBalancerArns[0]' --output text)
same "the target group is used by the load balancer" "$LB" "$used_by"

RULE=$(elb create-rule --listener-arn "$LISTENER" --priority 10 \
  --conditions Field=path-pattern,Values='/api/*' --actions Type=forward,TargetGroupArn="$TG" \
  --tags Key=tier,Value=api --query 'Rules[0].RuleArn' --output text)
priorities=$(elb describe-rules --listener-arn "$LISTENER" --query 'Rules[].Priority' --output text)
same "describe-rules lists the rule, then the default rule" "10	default" "$priorities"
pattern=$(elb describe-rules --rule-arns "$RULE" --query 'Rules[0].Conditions[0].PathPatternConfig.Values[0]' \
  --output text)
same "the path-pattern condition is answered in its config form too" "/api/*" "$pattern"

elb register-targets --target-group-arn "$TG" --targets Id=127.0.0.1,Port=32768 Id=127.0.0.2 >/dev/null
health=$(elb describe-target-health --target-group-arn "$TG" \
  --query 'TargetHealthDescriptions[].[Target.Id,Target.Port,TargetHealth.State,TargetHealth.Reason]' --output text)
echo "describe-target-health printed:"
echo "$health"
# initial: registration in progress, or the first checks under way (nothing listens there, but the threshold of
# failed checks takes longer than this script)
grep -Eq "^127.0.0.1	32768	initial	Elb.(RegistrationInProgress|InitialHealthChecking)$" <<<"$health" \
  || fail "describe-target-health does not show 127.0.0.1:32768 initial"
grep -Eq "^127.0.0.2	8080	initial	Elb.(RegistrationInProgress|InitialHealthChecking)$" <<<"$health" \
  || fail "describe-target-health does not show 127.0.0.2 at the group's port"
passed "register-targets registers at the given port, or the group's"
elb deregister-targets --target-group-arn "$TG" --targets Id=127.0.0.2 >/dev/null
draining=$(elb describe-target-health --target-group-arn "$TG" --targets Id=127.0.0.2 \
  --query 'TargetHealthDescriptions[0].[TargetHealth.State,TargetHealth.Reason]' --output text)
# draining, or already gone: with no request in flight to it, ALB (and ecsd) completes deregistration early
[[ "$draining" == "draining	Target.DeregistrationInProgress" || "$draining" == "unused	Target.NotRegistered" ]] \
  || fail "a deregistered target is '$draining', neither draining nor gone"
passed "a deregistered target drains, or is gone once nothing is in flight to it"

elb add-tags --resource-arns "$LB" "$TG" --tags Key=team,Value=web >/dev/null
tags=$(elb describe-tags --resource-arns "$LB" "$RULE" \
  --query 'TagDescriptions[].[ResourceArn,Tags[0].Key,Tags[0].Value]' --output text)
grep -q "^$LB	team	web$" <<<"$tags" || fail "describe-tags does not show the load balancer's tag: $tags"
grep -q "^$RULE	tier	api$" <<<"$tags" || fail "describe-tags does not show the rule's tag: $tags"
passed "describe-tags shows the tags of a load balancer and a rule"

set +e
"$AWS" --endpoint-url "$ECSD_ENDPOINT" elbv2 describe-target-health \
  --target-group-arn "$ELB_ARN:targetgroup/missing/0123456789abcdef" >"$WORK/out" 2>"$WORK/stderr"
status=$?
set -e
echo "the error printed: $(cat "$WORK/stderr")"
same "an unknown target group exits 254" "254" "$status"
grep -q "An error occurred (TargetGroupNotFound)" "$WORK/stderr" || fail "no TargetGroupNotFound error printed"
passed "an unknown target group prints An error occurred (TargetGroupNotFound)"

elb create-load-balancer --name api-lb --subnets subnet-12345678 subnet-87654321 >/dev/null
elb create-load-balancer --name admin-lb --subnets subnet-12345678 subnet-87654321 >/dev/null
# --page-size is ELBv2's own PageSize, so the CLI sends it and pages no further itself: --marker goes on.
names=()
marker=""
while :; do
  read -r name next <<<"$(elb describe-load-balancers --page-size 1 ${marker:+--marker "$marker"} \
    --query '[LoadBalancers[0].LoadBalancerName, NextMarker]' --output text)"
  names+=("$name")
  [ "$next" != "None" ] || break
  marker=$next
done
same "--page-size 1 with --marker pages through every load balancer" "admin-lb api-lb web-lb" "${names[*]}"
elb describe-load-balancers --max-items 2 --output json >"$WORK/first-page.json"
first=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(l["LoadBalancerName"] for l in d["LoadBalancers"])); print(d["NextToken"])' \
  "$WORK/first-page.json")
same "--max-items 2 stops after two" "admin-lb api-lb" "$(head -n 1 <<<"$first")"
rest=$(elb describe-load-balancers --starting-token "$(tail -n 1 <<<"$first")" \
  --query 'LoadBalancers[].LoadBalancerName' --output text)
same "--starting-token resumes after them" "web-lb" "$rest"
targets=$(elb describe-target-groups --page-size 1 --query 'length(TargetGroups)' --output text)
same "describe-target-groups --page-size 1 answers one" "1" "$targets"

# The remaining operations, each once, as a user tidying up would run them.
elb modify-load-balancer-attributes --load-balancer-arn "$LB" \
  --attributes Key=idle_timeout.timeout_seconds,Value=30 >/dev/null
idle=$(elb describe-load-balancer-attributes --load-balancer-arn "$LB" \
  --query "Attributes[?Key=='idle_timeout.timeout_seconds'].Value" --output text)
same "modify-load-balancer-attributes sets the idle timeout" "30" "$idle"
matcher=$(elb modify-target-group --target-group-arn "$TG" --matcher HttpCode=200-299 \
  --query 'TargetGroups[0].Matcher.HttpCode' --output text)
same "modify-target-group changes the matcher" "200-299" "$matcher"
listed=$(elb describe-listeners --load-balancer-arn "$LB" --query 'Listeners[0].Port' --output text)
same "describe-listeners lists the listener" "$PORT" "$listed"
action=$(elb modify-listener --listener-arn "$LISTENER" \
  --default-actions 'Type=fixed-response,FixedResponseConfig={StatusCode=404,ContentType=text/plain,MessageBody=none}' \
  --query 'Listeners[0].DefaultActions[0].Type' --output text)
same "modify-listener changes the default action" "fixed-response" "$action"
RULE2=$(elb create-rule --listener-arn "$LISTENER" --priority 20 \
  --conditions Field=host-header,Values='api.example.com' --actions Type=forward,TargetGroupArn="$TG" \
  --query 'Rules[0].RuleArn' --output text)
elb set-rule-priorities --rule-priorities RuleArn="$RULE",Priority=30 RuleArn="$RULE2",Priority=5 >/dev/null
priorities=$(elb describe-rules --listener-arn "$LISTENER" --query 'Rules[].Priority' --output text)
same "set-rule-priorities reorders the rules" "5	30	default" "$priorities"
method=$(elb modify-rule --rule-arn "$RULE2" --conditions Field=http-request-method,HttpRequestMethodConfig={Values=[GET]} \
  --query 'Rules[0].Conditions[0].Field' --output text)
same "modify-rule replaces the conditions" "http-request-method" "$method"
elb remove-tags --resource-arns "$LB" --tag-keys team >/dev/null
left=$(elb describe-tags --resource-arns "$LB" --query 'length(TagDescriptions[0].Tags)' --output text)
same "remove-tags removes the tag" "0" "$left"
elb delete-rule --rule-arn "$RULE2" >/dev/null
elb delete-rule --rule-arn "$RULE" >/dev/null
elb delete-listener --listener-arn "$LISTENER" >/dev/null
elb delete-target-group --target-group-arn "$TG" >/dev/null
elb delete-load-balancer --load-balancer-arn "$LB" >/dev/null
left=$(elb describe-load-balancers --query 'LoadBalancers[].LoadBalancerName' --output text)
same "delete-rule, delete-listener, delete-target-group and delete-load-balancer leave the other two" \
  "admin-lb	api-lb" "$left"

echo "OK: $CHECKS checks of the aws CLI's elbv2 commands against ecsd passed"
