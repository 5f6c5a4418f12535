#!/usr/bin/env bash
# A request for an AWS service ecsd does not serve is answered in that service's own protocol, so the Debian CLI
# prints a clear error naming the service rather than "Unable to parse response".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
require_cli_v2

served="it serves application-autoscaling, ecr, ecs, elasticloadbalancing, logs, monitoring, secretsmanager, ssm, sts."
# Query services, answered in XML
service_error "IAM (Query)" NotImplementedException "ecsd does not serve the AWS service 'iam'; $served" iam list-roles
service_error "EC2 (its own Query dialect)" NotImplementedException "ecsd does not serve the AWS service 'ec2'" \
  ec2 describe-vpcs
service_error "SNS (Query)" NotImplementedException "ecsd does not serve the AWS service 'sns'" sns list-topics
# JSON-RPC services
service_error "DynamoDB (JSON 1.0)" NotImplementedException \
  "ecsd does not serve the AWS service 'dynamodb' (DynamoDB_20120810.ListTables)" dynamodb list-tables
service_error "KMS (JSON 1.1)" NotImplementedException "ecsd does not serve the AWS service 'kms'" kms list-keys
# REST services: XML for S3 and Route 53, JSON for Lambda
service_error "S3 (REST-XML)" NotImplemented "ecsd does not serve the AWS service 's3' (GET /)" s3api list-buckets
service_error "Route 53 (REST-XML)" NotImplemented "ecsd does not serve the AWS service 'route53'" \
  route53 list-hosted-zones
service_error "Lambda (REST-JSON)" NotImplementedException \
  "ecsd does not serve the AWS service 'lambda' (GET /2015-03-31/functions/)" lambda list-functions

# and the server still serves what it serves
call ecs list-clusters >/dev/null
passed "ECS still answers"
echo "OK: $CHECKS checks of requests for services ecsd does not serve"
