package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.server.ServerConfig;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * One CloudWatch registration answering its three client flavours over HTTP: the Java SDK (RPC v2 CBOR), the
 * Debian AWS CLI 2.9 (AWS Query), and a hand-signed AWS JSON 1.0 request in query-compatible mode, as newer
 * botocore sends.
 */
class CloudWatchProtocolsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-04T17:00:00.250Z");
    private static final CloudWatchEcho echo = new CloudWatchEcho();
    private static HttpFrontend http;
    private static URI endpoint;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void start() throws Exception {
        SigV4Verifier verifier = new SigV4Verifier(Map.of(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY),
                TestServer.REGION, InstantSource.system());
        http = new HttpFrontend("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, List.of(),
                AwsDispatcher.serving(verifier, List.of(echo.service())));
        http.start();
        endpoint = URI.create("http://127.0.0.1:" + http.port());
        cloudWatch = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        http.close();
    }

    @BeforeEach
    void forgetMetrics() {
        echo.received.clear();
    }

    @Test
    void theSdkPutsMetricDataAndReadsItBackInCbor() {
        Dimension service = Dimension.builder().name("ServiceName").value("web").build();
        cloudWatch.putMetricData(r -> r.namespace("ecsd/Sdk").metricData(MetricDatum.builder()
                .metricName("CPUUtilization").dimensions(service).timestamp(AT).value(61.5)
                .unit(StandardUnit.PERCENT).build()));

        List<Metric> metrics = cloudWatch.listMetrics(r -> r.namespace("ecsd/Sdk")).metrics();
        Datapoint point = cloudWatch.getMetricStatistics(r -> r.namespace("ecsd/Sdk").metricName("CPUUtilization")
                .startTime(AT.minusSeconds(60)).endTime(AT.plusSeconds(60)).period(60).statisticsWithStrings("Average"))
                .datapoints().getFirst();

        assertThat(metrics).containsExactly(Metric.builder().namespace("ecsd/Sdk").metricName("CPUUtilization")
                .dimensions(service).build());
        assertThat(point.timestamp()).isEqualTo(AT);
        assertThat(point.average()).isEqualTo(61.5);
        assertThat(point.unit()).isEqualTo(StandardUnit.PERCENT);
    }

    @Test
    void theSdkGetsTheTypedExceptionOfACborError() {
        assertThatThrownBy(() -> cloudWatch.listMetrics(r -> r.namespace(CloudWatchEcho.REFUSED_NAMESPACE)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("is refused");
                    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("smithy-protocol"))
                            .hasValue("rpc-v2-cbor");
                });
    }

    @Test
    void theDebianCliSpeaksQueryToTheSameService() {
        AwsCli cli = new AwsCli(endpoint);

        AwsCli.Result put = cli.run("--debug", "cloudwatch", "put-metric-data", "--namespace", "ecsd/Cli",
                "--metric-name", "Requests", "--value", "3", "--unit", "Count",
                "--dimensions", "ServiceName=web", "--timestamp", "2026-12-04T17:00:00Z");
        JsonNode listed = cli.run("cloudwatch", "list-metrics", "--namespace", "ecsd/Cli").json();
        JsonNode statistics = cli.run("cloudwatch", "get-metric-statistics", "--namespace", "ecsd/Cli",
                "--metric-name", "Requests", "--start-time", "2026-12-04T16:00:00Z", "--end-time",
                "2026-12-04T18:00:00Z", "--period", "60", "--statistics", "Average").json();

        assertThat(put.exitCode()).as(put.output()).isZero();
        // botocore's debug log of the request: a form POST to /, with Action and Version
        assertThat(put.standardError()).contains("'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'",
                "'Action': 'PutMetricData', 'Version': '2010-08-01'");
        assertThat(echo.received).hasSize(1);
        assertThat(echo.received.getFirst().metricData().getFirst().timestamp())
                .isEqualTo(Instant.parse("2026-12-04T17:00:00Z"));
        assertThat(echo.received.getFirst().metricData().getFirst().value()).isEqualTo(3.0);
        assertThat(listed.at("/Metrics/0/MetricName").asText()).isEqualTo("Requests");
        assertThat(listed.at("/Metrics/0/Dimensions/0/Value").asText()).isEqualTo("web");
        assertThat(statistics.at("/Datapoints/0/Average").asDouble()).isEqualTo(3.0);
        assertThat(statistics.at("/Datapoints/0/Timestamp").asText()).startsWith("2026-12-04T17:00:00");
    }

    @Test
    void theCliReadsTheQueryCodeOfAnError() {
        AwsCli.Result refused = new AwsCli(endpoint).run("cloudwatch", "list-metrics", "--namespace",
                CloudWatchEcho.REFUSED_NAMESPACE);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.standardError()).contains("(InvalidParameterValue)", "is refused");
    }

    @Test
    void aJson10RequestInQueryModeGetsItsAnswerAndTheQueryCodeOfAnError() throws Exception {
        SignedRequests requests = new SignedRequests(endpoint).scope(TestServer.REGION, "monitoring");

        HttpResponse<String> put = json10(requests, "PutMetricData", "{\"Namespace\":\"ecsd/Json\",\"MetricData\":"
                + "[{\"MetricName\":\"Hits\",\"Timestamp\":1796403600.5,\"Value\":7,\"Unit\":\"Count\"}]}");
        HttpResponse<String> listed = json10(requests, "ListMetrics", "{\"Namespace\":\"ecsd/Json\"}");
        HttpResponse<String> refused = json10(requests, "ListMetrics", "{\"Namespace\":\"Refused\"}");
        HttpResponse<String> missing = json10(requests, "PutMetricData", "{}");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(echo.received.getFirst().metricData().getFirst().timestamp())
                .isEqualTo(Instant.parse("2026-12-04T17:00:00.500Z"));
        assertThat(JSON.readTree(listed.body()).at("/Metrics/0/MetricName").asText()).isEqualTo("Hits");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(JSON.readTree(refused.body()).get("__type").asText()).isEqualTo("InvalidParameterValueException");
        assertThat(JSON.readTree(refused.body()).get("message").asText()).contains("is refused");
        assertThat(missing.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterException;Sender");
    }

    @Test
    void withoutQueryModeThereIsNoQueryErrorHeader() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/x-amz-json-1.0");
        headers.put("x-amz-target", CloudWatchEcho.SERVICE + ".ListMetrics");
        HttpResponse<String> refused = new SignedRequests(endpoint).scope(TestServer.REGION, "monitoring")
                .sendSigned("POST", "/", headers, "{\"Namespace\":\"Refused\"}".getBytes(StandardCharsets.UTF_8),
                        Instant.now());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("x-amzn-query-error")).isEmpty();
    }

    @Test
    void aCborRequestSignedForAnotherServiceIsRefused() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/cbor");
        headers.put("smithy-protocol", "rpc-v2-cbor");
        HttpResponse<String> refused = new SignedRequests(endpoint).scope(TestServer.REGION, "logs")
                .sendSigned("POST", "/service/" + CloudWatchEcho.SERVICE + "/operation/ListMetrics", headers,
                        new byte[] {(byte) 0xa0}, Instant.now());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/cbor");
        assertThat(refused.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
    }

    @Test
    void aCborRequestWithoutTheSmithyProtocolHeaderIsRefused() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/cbor");
        HttpResponse<String> refused = new SignedRequests(endpoint).scope(TestServer.REGION, "monitoring")
                .sendSigned("POST", "/service/" + CloudWatchEcho.SERVICE + "/operation/ListMetrics", headers,
                        new byte[] {(byte) 0xa0}, Instant.now());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(refused.body()).contains("smithy-protocol: rpc-v2-cbor");
    }

    private static HttpResponse<String> json10(SignedRequests requests, String operation, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/x-amz-json-1.0");
        headers.put("x-amz-target", CloudWatchEcho.SERVICE + "." + operation);
        headers.put("x-amzn-query-mode", "true");
        return requests.sendSigned("POST", "/", headers, body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }
}
