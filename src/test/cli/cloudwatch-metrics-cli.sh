#!/usr/bin/env bash
# Checks CloudWatch's metric commands with the AWS CLI v2 (Debian's 2.9, which speaks AWS Query) against ecsd:
# put-metric-data with a value, with values and counts, with a statistic set and at high resolution;
# get-metric-statistics as the issue writes it (statistics and percentiles); get-metric-data with a MetricStat
# query; list-metrics with its filters; and errors in CloudWatch's words.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/cloudwatch-metrics-cli.sh
# Credentials and region come from the usual AWS_* environment variables; AWS_CLI overrides /usr/bin/aws.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

cw() { call cloudwatch "$@"; }
refused() { local what=$1 code=$2 message=$3; shift 3; service_error "$what" "$code" "$message" cloudwatch "$@"; }

require_cli_v2

MINUTE=$(( $(date -u +%s) / 60 * 60 - 1800 ))
AT=$(date -u -d "@$MINUTE" +%Y-%m-%dT%H:%M:%SZ)
AT_30=$(date -u -d "@$((MINUTE + 30))" +%Y-%m-%dT%H:%M:%SZ)
NEXT=$(date -u -d "@$((MINUTE + 60))" +%Y-%m-%dT%H:%M:%SZ)
START=$(date -u -d "@$((MINUTE - 600))" +%Y-%m-%dT%H:%M:%SZ)
END=$(date -u -d "@$((MINUTE + 600))" +%Y-%m-%dT%H:%M:%SZ)

cw put-metric-data --namespace MyApp --metric-name Latency --unit Milliseconds --value 10 \
  --dimensions ClusterName=my-cluster,ServiceName=web-service --timestamp "$AT"
cw put-metric-data --namespace MyApp --metric-data "[{\"MetricName\":\"Latency\",\"Unit\":\"Milliseconds\",
  \"Dimensions\":[{\"Name\":\"ClusterName\",\"Value\":\"my-cluster\"},{\"Name\":\"ServiceName\",\"Value\":\"web-service\"}],
  \"Timestamp\":\"$AT_30\",\"Values\":[20,30],\"Counts\":[1,2]}]"
cw put-metric-data --namespace MyApp --metric-name Latency --unit Milliseconds --timestamp "$NEXT" \
  --dimensions ClusterName=my-cluster,ServiceName=web-service \
  --statistic-values SampleCount=4,Sum=100,Minimum=5,Maximum=45
passed "put-metric-data takes a value, values with counts and a statistic set"

read -r ts average maximum count unit <<<"$(cw get-metric-statistics --namespace MyApp --metric-name Latency \
  --dimensions Name=ClusterName,Value=my-cluster Name=ServiceName,Value=web-service \
  --start-time "$START" --end-time "$END" --period 60 --statistics Average Maximum SampleCount \
  --query 'sort_by(Datapoints,&Timestamp)[0].[Timestamp,Average,Maximum,SampleCount,Unit]' --output text)"
same "get-metric-statistics: the first minute's average" "22.5" "$average"
same "get-metric-statistics: its maximum" "30.0" "$maximum"
same "get-metric-statistics: its sample count" "4.0" "$count"
same "get-metric-statistics: its unit" "Milliseconds" "$unit"
[[ "$ts" == "$(date -u -d "@$MINUTE" +%Y-%m-%dT%H:%M:%S)"* ]] || fail "the datapoint's timestamp is '$ts'"
passed "get-metric-statistics: the datapoint is at the start of its minute"
second=$(cw get-metric-statistics --namespace MyApp --metric-name Latency \
  --dimensions Name=ClusterName,Value=my-cluster Name=ServiceName,Value=web-service \
  --start-time "$START" --end-time "$END" --period 60 --statistics Sum \
  --query 'sort_by(Datapoints,&Timestamp)[1].Sum' --output text)
same "get-metric-statistics: the statistic set's sum" "100.0" "$second"

p50=$(cw get-metric-statistics --namespace MyApp --metric-name Latency \
  --dimensions Name=ClusterName,Value=my-cluster Name=ServiceName,Value=web-service \
  --start-time "$START" --end-time "$NEXT" --period 60 --extended-statistics p50 p99 \
  --query 'Datapoints[0].ExtendedStatistics.[p50,p99]' --output text)
same "get-metric-statistics: percentiles of raw values" "20.0	30.0" "$p50"

cw put-metric-data --namespace MyApp --metric-name Hits --value 1 --storage-resolution 1 --timestamp "$AT"
cw put-metric-data --namespace MyApp --metric-name Hits --value 2 --storage-resolution 1 --timestamp "$AT_30"
hits=$(cw get-metric-statistics --namespace MyApp --metric-name Hits --start-time "$AT" --end-time "$NEXT" \
  --period 1 --statistics Sum --query 'length(Datapoints)' --output text)
same "high-resolution data comes back by the second" "2" "$hits"

cat >"$WORK/queries.json" <<JSON
[{"Id": "latency", "Label": "web latency", "MetricStat": {"Metric": {"Namespace": "MyApp", "MetricName": "Latency",
  "Dimensions": [{"Name": "ClusterName", "Value": "my-cluster"}, {"Name": "ServiceName", "Value": "web-service"}]},
  "Period": 60, "Stat": "Maximum"}}]
JSON
read -r label status first <<<"$(cw get-metric-data --metric-data-queries "file://$WORK/queries.json" \
  --start-time "$START" --end-time "$END" \
  --query 'MetricDataResults[0].[Label,StatusCode,Values[0]]' --output text | tr '\t' ' ' | sed 's/web latency/web-latency/')"
same "get-metric-data: the query's label" "web-latency" "$label"
same "get-metric-data: its status" "Complete" "$status"
same "get-metric-data: newest first" "45.0" "$first"
ascending=$(cw get-metric-data --metric-data-queries "file://$WORK/queries.json" --start-time "$START" \
  --end-time "$END" --scan-by TimestampAscending --query 'MetricDataResults[0].Values' --output text)
same "get-metric-data: oldest first when asked" "30.0	45.0" "$ascending"

listed=$(cw list-metrics --namespace MyApp --query 'length(Metrics)' --output text)
same "list-metrics: the namespace's metrics" "2" "$listed"
filtered=$(cw list-metrics --dimensions Name=ServiceName,Value=web-service --recently-active PT3H \
  --query 'Metrics[].MetricName' --output text)
same "list-metrics: by dimension, recently active" "Latency" "$filtered"

refused "a namespace of AWS is refused" InvalidParameterValue 'Namespaces starting with "AWS/" are reserved' \
  put-metric-data --namespace AWS/ECS --metric-name CPUUtilization --value 1
refused "a value and a statistic set together are refused" InvalidParameterCombination "are mutually exclusive" \
  put-metric-data --namespace MyApp --metric-data \
  '[{"MetricName":"X","Value":1,"StatisticValues":{"SampleCount":1,"Sum":1,"Minimum":1,"Maximum":1}}]'
refused "more than 1,440 datapoints are refused" InvalidParameterCombination "which exceeds the limit of 1440" \
  get-metric-statistics --namespace MyApp --metric-name Latency --start-time "$(date -u -d "@$((MINUTE - 172800))" +%Y-%m-%dT%H:%M:%SZ)" \
  --end-time "$END" --period 60 --statistics Average

echo "$CHECKS checks of the aws CLI's cloudwatch metric commands against ecsd passed"
