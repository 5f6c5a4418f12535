#!/usr/bin/env bash
# Checks CloudWatch's metric operations through boto3, which from botocore 1.42.10 on speaks AWS JSON 1.0 (in
# query-compatible mode) to CloudWatch: each operation, a gzip-compressed PutMetricData, and an error's code.
# Usage: ECSD_ENDPOINT=http://127.0.0.1:4566 src/test/cli/cloudwatch-metrics-boto3.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

python3 - <<'PY'
import datetime, os, sys
import boto3, botocore
from botocore.exceptions import ClientError

version = tuple(int(part) for part in botocore.__version__.split(".")[:3])
if version < (1, 42, 10):
    sys.exit(f"FAIL: botocore {botocore.__version__} speaks Query to CloudWatch, not JSON 1.0")

cw = boto3.client("cloudwatch", endpoint_url=os.environ["ECSD_ENDPOINT"])
sent = []
cw.meta.events.register("before-send.cloudwatch.*",
                        lambda request, **kwargs: sent.append(dict(request.headers)))
checks = 0
def passed(what):
    global checks
    checks += 1
    print("ok - " + what)
def same(what, expected, actual):
    if expected != actual:
        sys.exit(f"FAIL: {what}: expected {expected!r}, got {actual!r}")
    passed(what)

now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
at = now - datetime.timedelta(minutes=30)
web = [{"Name": "ServiceName", "Value": "web"}]
cw.put_metric_data(Namespace="Boto", MetricData=[
    {"MetricName": "Latency", "Dimensions": web, "Timestamp": at, "Value": 10, "Unit": "Milliseconds"},
    {"MetricName": "Latency", "Dimensions": web, "Timestamp": at, "Values": [20, 30], "Counts": [1, 2],
     "Unit": "Milliseconds"}])
headers = sent[-1]
content_type = headers.get("Content-Type")
same("the request is AWS JSON 1.0", "application/x-amz-json-1.0",
     content_type.decode() if isinstance(content_type, bytes) else content_type)
target = headers.get("X-Amz-Target")
same("to GraniteServiceVersion20100801", "GraniteServiceVersion20100801.PutMetricData",
     target.decode() if isinstance(target, bytes) else target)

# Past 10 KB botocore gzips PutMetricData, as the service model asks.
many = [{"MetricName": "Queue", "Dimensions": [{"Name": "QueueName", "Value": f"queue-{i}"}], "Value": i}
        for i in range(300)]
cw.put_metric_data(Namespace="Boto", MetricData=many)
encoding = sent[-1].get("Content-Encoding")
same("a large put is gzip-compressed", "gzip", encoding.decode() if isinstance(encoding, bytes) else encoding)

stats = cw.get_metric_statistics(Namespace="Boto", MetricName="Latency", Dimensions=web,
                                 StartTime=at - datetime.timedelta(minutes=5),
                                 EndTime=at + datetime.timedelta(minutes=5), Period=60,
                                 Statistics=["Average", "SampleCount"])
point = stats["Datapoints"][0]
same("get_metric_statistics: the average", 22.5, point["Average"])
same("get_metric_statistics: the sample count", 4.0, point["SampleCount"])
same("get_metric_statistics: the timestamp", at, point["Timestamp"])

data = cw.get_metric_data(MetricDataQueries=[{"Id": "latency", "MetricStat": {
    "Metric": {"Namespace": "Boto", "MetricName": "Latency", "Dimensions": web}, "Period": 60, "Stat": "p50"}}],
    StartTime=at - datetime.timedelta(minutes=5), EndTime=at + datetime.timedelta(minutes=5))
result = data["MetricDataResults"][0]
same("get_metric_data: p50 of the raw values", [20.0], result["Values"])
same("get_metric_data: status", "Complete", result["StatusCode"])

pages = cw.get_paginator("list_metrics").paginate(Namespace="Boto")
same("list_metrics through the paginator", 301, sum(len(page["Metrics"]) for page in pages))

try:
    cw.put_metric_data(Namespace="AWS/ECS", MetricData=[{"MetricName": "X", "Value": 1}])
    sys.exit("FAIL: a namespace of AWS was accepted")
except ClientError as e:
    same("an error carries CloudWatch's query code", "InvalidParameterValue", e.response["Error"]["Code"])
print(f"{checks} checks of boto3's CloudWatch metric calls (AWS JSON 1.0) against ecsd passed")
PY
