package dev.ecsd.api.sts;

import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.secrets.SessionIssuer;
import java.time.InstantSource;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;

/**
 * The minimal STS a container's SDK and the CLI need on ecsd's endpoint: GetCallerIdentity, AssumeRole and
 * GetSessionToken, in AWS Query (the only protocol STS speaks), answered by who signed the request.
 */
public final class StsApi {
    public static final String SIGNING_NAME = "sts";
    public static final String API_VERSION = "2011-06-15";
    public static final String XML_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsApi() {
    }

    /** STS of the account {@code accountId}, issuing sessions with {@code issuer} that expire by {@code clock}. */
    public static ServiceProtocols service(SessionIssuer issuer, String accountId, InstantSource clock) {
        StsOperations operations = new StsOperations(issuer, accountId, clock);
        return ServiceProtocols.builder(SIGNING_NAME, StsClient.class)
                .awsQuery(API_VERSION, XML_NAMESPACE)
                .add(JsonOperation.ofCaller("GetCallerIdentity", GetCallerIdentityRequest::builder,
                        operations::getCallerIdentity))
                .add(JsonOperation.ofCaller("AssumeRole", AssumeRoleRequest::builder, operations::assumeRole,
                        "RoleArn", "RoleSessionName"))
                .add(JsonOperation.ofCaller("GetSessionToken", GetSessionTokenRequest::builder,
                        operations::getSessionToken))
                .build();
    }
}
