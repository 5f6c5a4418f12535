package dev.ecsd.protocol;

import dev.ecsd.model.ErrorType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS JSON service on the shared endpoint: the {@code X-Amz-Target} prefix that routes its JSON 1.0 and 1.1
 * requests to it, optionally the service name that routes its Smithy RPC v2 CBOR requests, the name it is signed
 * for, every operation its API has, the ones ecsd implements, and, for a service that is query-compatible (it
 * once spoke AWS Query), the Query codes of its errors.
 */
public final class JsonService {
    private final String targetPrefix;
    private final String signingName;
    private final OperationTable operations;
    private final String rpcV2ServiceName;
    private final Map<String, String> queryErrorCodes;

    private JsonService(Builder builder) {
        this.targetPrefix = builder.targetPrefix;
        this.signingName = builder.signingName;
        this.operations = builder.operations.frozen();
        this.rpcV2ServiceName = builder.rpcV2ServiceName;
        this.queryErrorCodes = Map.copyOf(builder.queryErrorCodes);
    }

    /**
     * Starts a service whose API is the one the given SDK client interface speaks: each method taking an
     * {@code XxxRequest} is operation {@code Xxx}.
     */
    public static Builder builder(String targetPrefix, String signingName, Class<?> sdkClientInterface) {
        return new Builder(targetPrefix, signingName, OperationTable.of(signingName, sdkClientInterface));
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    public String signingName() {
        return signingName;
    }

    /** The service shape name of its RPC v2 CBOR paths ({@code /service/<name>/operation/<Op>}), if it speaks it. */
    public Optional<String> rpcV2ServiceName() {
        return Optional.ofNullable(rpcV2ServiceName);
    }

    /**
     * The code of an error as an AWS Query client knows it, for the {@code x-amzn-query-error} header and for
     * Query XML: the service's own translation, or the code itself.
     */
    public String queryErrorCode(ErrorType type) {
        return queryErrorCodes.getOrDefault(type.code(), type.code());
    }

    Map<String, String> queryErrorCodes() {
        return queryErrorCodes;
    }

    public OperationTable operations() {
        return operations;
    }

    /** Collects the implemented operations of a service. */
    public static final class Builder {
        private final String targetPrefix;
        private final String signingName;
        private final OperationTable operations;
        private final Map<String, String> queryErrorCodes = new LinkedHashMap<>();
        private String rpcV2ServiceName;

        private Builder(String targetPrefix, String signingName, OperationTable operations) {
            this.targetPrefix = targetPrefix;
            this.signingName = signingName;
            this.operations = operations;
        }

        public Builder add(JsonOperation<?, ?> operation) {
            operations.add(operation);
            return this;
        }

        /** Also serves Smithy RPC v2 CBOR, at {@code /service/<serviceShapeName>/operation/<Op>}. */
        public Builder rpcV2Cbor(String serviceShapeName) {
            this.rpcV2ServiceName = serviceShapeName;
            return this;
        }

        /**
         * Names the AWS Query code of an error whose JSON code ({@code __type}, the error shape's name) differs,
         * such as {@code InvalidParameterValueException} → {@code InvalidParameterValue}: the
         * {@code awsQueryError} trait of the service model, which the SDK's runtime classes do not carry.
         */
        public Builder queryErrorCode(String jsonCode, String queryCode) {
            queryErrorCodes.put(jsonCode, queryCode);
            return this;
        }

        public JsonService build() {
            return new JsonService(this);
        }
    }
}
