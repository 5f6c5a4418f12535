package dev.ecsd.api.cloudwatch;

import dev.ecsd.protocol.ServiceProtocols;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * CloudWatch (metrics and alarms) on the shared endpoint, in the three protocols its clients speak: AWS JSON 1.0
 * (current CLIs and boto3), Smithy RPC v2 CBOR (the Java SDK) and AWS Query (older CLIs, such as Debian's 2.9).
 */
public final class CloudWatchApi {
    public static final String SIGNING_NAME = "monitoring";
    /** The service's shape name: JSON 1.0's target prefix and RPC v2 CBOR's path segment. */
    public static final String SERVICE_NAME = "GraniteServiceVersion20100801";
    public static final String API_VERSION = "2010-08-01";
    public static final String XML_NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private CloudWatchApi() {
    }

    /** The service, with the operations each group (metrics, alarms) adds to it. */
    public static ServiceProtocols service(List<Consumer<ServiceProtocols.Builder>> operationGroups) {
        ServiceProtocols.Builder builder = ServiceProtocols.builder(SIGNING_NAME, CloudWatchClient.class)
                .awsJson(SERVICE_NAME)
                .rpcV2Cbor(SERVICE_NAME)
                .awsQuery(API_VERSION, XML_NAMESPACE)
                .queryErrorCode("InvalidParameterValueException", "InvalidParameterValue")
                .queryErrorCode("MissingRequiredParameterException", "MissingParameter")
                .queryErrorCode("InvalidParameterCombinationException", "InvalidParameterCombination")
                .queryErrorCode("LimitExceededFault", "LimitExceeded")
                .queryErrorCode("InvalidFormatFault", "InvalidFormat")
                .queryErrorCode("InternalServiceFault", "InternalServiceError");
        operationGroups.forEach(group -> group.accept(builder));
        return builder.build();
    }
}
