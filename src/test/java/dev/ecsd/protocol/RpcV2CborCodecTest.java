package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.ecsd.model.ApiException;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricWidgetImageResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Smithy RPC v2 CBOR as the Java SDK's CloudWatch client speaks it: the real client, its own marshalling and
 * unmarshalling, talking in-process to a dispatcher serving {@link CloudWatchEcho}.
 */
class RpcV2CborCodecTest {
    private static final Instant AT = Instant.parse("2026-12-04T17:00:00.123Z");

    private final CloudWatchEcho echo = new CloudWatchEcho();
    private final AwsDispatcher dispatcher = AwsDispatcher.serving(
            new SigV4Verifier(Map.of("AKID", "secret"), "us-east-1", InstantSource.system()),
            List.of(echo.service()));
    private final InProcessHttpClient http = new InProcessHttpClient(dispatcher::handle);
    private final CloudWatchClient cloudWatch = CloudWatchClient.builder()
            .endpointOverride(URI.create("http://ecsd.test"))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .httpClient(http)
            .build();

    @AfterEach
    void closeClient() {
        cloudWatch.close();
    }

    private static PutMetricDataRequest cpuAndLatency() {
        Dimension service = Dimension.builder().name("ServiceName").value("web").build();
        Dimension cluster = Dimension.builder().name("ClusterName").value("default").build();
        return PutMetricDataRequest.builder().namespace("ecsd/Test")
                .metricData(MetricDatum.builder().metricName("CPUUtilization").dimensions(service, cluster)
                                .timestamp(AT).value(42.5).unit(StandardUnit.PERCENT).storageResolution(1).build(),
                        MetricDatum.builder().metricName("Latency").dimensions(service).timestamp(AT.plusSeconds(60))
                                .values(0.1, 2.0, 1e-300, 1.7976931348623157e308).counts(1.0, 3.0, 0.5, 7.0)
                                .statisticValues(StatisticSet.builder().sampleCount(4.0).sum(10.0).minimum(0.1)
                                        .maximum(5.9).build())
                                .unit(StandardUnit.SECONDS).build())
                .build();
    }

    @Test
    void theSdkSpeaksRpcV2CborToCloudWatchInQueryCompatibleMode() {
        cloudWatch.putMetricData(cpuAndLatency());

        SigV4Verifier.HttpRequestParts sent = http.requests().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo("/service/GraniteServiceVersion20100801/operation/PutMetricData");
        assertThat(sent.header("Content-Type")).isEqualTo("application/cbor");
        assertThat(sent.header("Accept")).isEqualTo("application/cbor");
        assertThat(sent.header("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(sent.header("x-amzn-query-mode")).isEqualTo("true");
        assertThat(sent.header("X-Amz-Target")).isNull();
        assertThat(sent.header("Authorization")).contains("/us-east-1/monitoring/aws4_request");
    }

    @Test
    void metricDataArrivesExactlyAsTheSdkSentIt() throws IOException {
        PutMetricDataRequest request = cpuAndLatency();

        cloudWatch.putMetricData(request);

        assertThat(echo.received).hasSize(1);
        assertThat(echo.received.getFirst().equalsBySdkFields(request)).isTrue();
        assertThat(echo.received.getFirst().metricData().getFirst().timestamp()).isEqualTo(AT);
        // what made the round trip: timestamps under tag 1, and doubles the SDK shortens to integers and floats
        assertThat(tagsAndNumberTypes(http.requests().getFirst().body()))
                .contains("tag 1 DOUBLE", "INT", "FLOAT");
    }

    @Test
    void statisticsWithTimestampsAndExtendedStatisticsReachTheSdk() {
        cloudWatch.putMetricData(cpuAndLatency());

        GetMetricStatisticsResponse response = cloudWatch.getMetricStatistics(r -> r.namespace("ecsd/Test")
                .metricName("Latency").startTime(AT.minusSeconds(3600)).endTime(AT.plusSeconds(3600)).period(60)
                .statistics(Statistic.AVERAGE, Statistic.SAMPLE_COUNT));

        assertThat(response.label()).isEqualTo("Latency");
        Datapoint point = response.datapoints().getFirst();
        assertThat(point.timestamp()).isEqualTo(AT.plusSeconds(60));
        assertThat(point.sampleCount()).isEqualTo(4.0);
        assertThat(point.average()).isEqualTo(2.5);
        assertThat(point.minimum()).isEqualTo(0.1);
        assertThat(point.maximum()).isEqualTo(5.9);
        assertThat(point.unit()).isEqualTo(StandardUnit.SECONDS);
        assertThat(point.extendedStatistics()).containsExactlyInAnyOrderEntriesOf(Map.of("p99", 99.5, "p50", 0.1));
        SigV4Verifier.HttpRequestParts sent = http.requests().getLast();
        assertThat(sent.rawPath()).endsWith("/operation/GetMetricStatistics");
    }

    @Test
    void aNestedAlarmReachesTheSdkWhole() {
        DescribeAlarmsResponse response = cloudWatch.describeAlarms(r -> r.alarmNamePrefix("web"));

        DescribeAlarmsResponse expected = CloudWatchEcho.describeAlarms();
        assertThat(response.metricAlarms()).isEqualTo(expected.metricAlarms());
        assertThat(response.metricAlarms().getFirst().stateUpdatedTimestamp()).isEqualTo(CloudWatchEcho.UPDATED);
        assertThat(response.metricAlarms().getFirst().hasOkActions()).isTrue();
        assertThat(response.metricAlarms().getFirst().okActions()).isEmpty();
        assertThat(response.hasCompositeAlarms()).isFalse();
        assertThat(response.nextToken()).isEqualTo("next");
        assertThat(response.sdkHttpResponse().firstMatchingHeader("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(response.sdkHttpResponse().firstMatchingHeader("Content-Type")).hasValue("application/cbor");
        assertThat(response.responseMetadata().requestId()).isNotBlank();
    }

    @Test
    void anErrorBecomesTheTypedSdkExceptionWithItsQueryCode() {
        assertThatThrownBy(() -> cloudWatch.listMetrics(r -> r.namespace(CloudWatchEcho.REFUSED_NAMESPACE)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    // in query-compatible mode the code is the one of x-amzn-query-error, not __type
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The namespace Refused is refused.");
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-query-error"))
                            .hasValue("InvalidParameterValue;Sender");
                });
    }

    @Test
    void aMissingRequiredMemberIsRefusedBeforeTheOperation() {
        assertThatThrownBy(() -> cloudWatch.putMetricData(r -> r.metricData(MetricDatum.builder()
                .metricName("m").value(1.0).build())))
                .hasMessageContaining("Namespace");
        assertThat(echo.received).isEmpty();
    }

    @Test
    void blobsAreByteStringsAndTimestampsAreTaggedEpochSeconds() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        GetMetricWidgetImageResponse image = GetMetricWidgetImageResponse.builder()
                .metricWidgetImage(SdkBytes.fromByteArray(png)).build();
        Datapoint point = Datapoint.builder().timestamp(AT).average(0.1).build();

        byte[] imageBytes = RpcV2CborCodec.write(image);
        byte[] pointBytes = RpcV2CborCodec.write(point);

        assertThat(RpcV2CborCodec.read(imageBytes, GetMetricWidgetImageResponse::builder)).isEqualTo(image);
        assertThat(RpcV2CborCodec.read(pointBytes, Datapoint::builder)).isEqualTo(point);
        assertThat(tagsAndNumberTypes(imageBytes)).containsExactly("EMBEDDED_OBJECT");
        assertThat(tagsAndNumberTypes(pointBytes)).containsExactly("tag 1 DOUBLE", "DOUBLE");
    }

    @Test
    void malformedBodiesAreSerializationErrors() {
        assertThatThrownBy(() -> RpcV2CborCodec.parse(new byte[] {(byte) 0x82, 1}))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type().code()).isEqualTo("SerializationException"));
        assertThatThrownBy(() -> RpcV2CborCodec.parse(new byte[] {(byte) 0x82, 1, 2}))
                .hasMessageContaining("must be a CBOR map");
        assertThatThrownBy(() -> RpcV2CborCodec.parse(new byte[] {(byte) 0xa0, (byte) 0xa0}))
                .hasMessageContaining("not valid CBOR");
        assertThatThrownBy(() -> RpcV2CborCodec.read(new byte[] {(byte) 0xa1, 0x65, 'V', 'a', 'l', 'u', 'e', 0x61, 'x'},
                MetricDatum::builder)).hasMessage("Member 'Value' must be a number, not a string.");
        // members the model does not know are ignored, as AWS services do
        assertThat(RpcV2CborCodec.read(RpcV2CborCodec.error("x", "y"), Datapoint::builder))
                .isEqualTo(Datapoint.builder().build());
    }

    @Test
    void aBodyTooLargeForACborRequestIsRefusedInCbor() {
        SigV4Verifier.HttpRequestParts head = new SigV4Verifier.HttpRequestParts("POST",
                "/service/GraniteServiceVersion20100801/operation/PutMetricData", null,
                Map.of("smithy-protocol", List.of("rpc-v2-cbor"), "x-amzn-query-mode", List.of("true")), new byte[0]);

        Reply reply = AwsDispatcher.tooLarge(10, head);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).isEqualTo("application/cbor");
        assertThat(reply.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor")
                .containsEntry("x-amzn-query-error", "RequestEntityTooLargeException;Sender");
        assertThat(RpcV2CborCodec.parse(reply.body()).get("__type").asText())
                .isEqualTo("RequestEntityTooLargeException");
    }

    /** For each scalar of a CBOR document that is a number or bytes: its tag, if any, and its type. */
    private static List<String> tagsAndNumberTypes(byte[] cbor) throws IOException {
        List<String> found = new java.util.ArrayList<>();
        try (CBORParser parser = new CBORFactory().createParser(cbor)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isNumeric() || token == JsonToken.VALUE_EMBEDDED_OBJECT) {
                    String type = token.isNumeric() ? parser.getNumberType().name() : "EMBEDDED_OBJECT";
                    found.add(parser.getCurrentTag() >= 0 ? "tag " + parser.getCurrentTag() + " " + type : type);
                }
            }
        }
        return found;
    }
}
