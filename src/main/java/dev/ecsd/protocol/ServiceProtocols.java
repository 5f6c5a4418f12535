package dev.ecsd.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS API served in every protocol its clients speak, from one table of operations: AWS JSON 1.0/1.1 by
 * {@code X-Amz-Target}, Smithy RPC v2 CBOR by path, AWS Query by credential scope and {@code Action}. CloudWatch,
 * for instance, is reached in all three, depending on the client's age and language.
 */
public final class ServiceProtocols {
    private final JsonService json;
    private final QueryService query;

    private ServiceProtocols(JsonService json, QueryService query) {
        this.json = json;
        this.query = query;
    }

    /** A service that speaks AWS JSON (and RPC v2 CBOR, if it was built so) only. */
    public static ServiceProtocols of(JsonService json) {
        return new ServiceProtocols(json, null);
    }

    /** A service that speaks AWS Query only. */
    public static ServiceProtocols of(QueryService query) {
        return new ServiceProtocols(null, query);
    }

    /**
     * Starts a service whose API is the one the given SDK client interface speaks, signed for {@code signingName}
     * whatever the protocol.
     */
    public static Builder builder(String signingName, Class<?> sdkClientInterface) {
        return new Builder(signingName, sdkClientInterface);
    }

    /** The service as the AWS JSON and RPC v2 CBOR requests reach it, if it speaks either. */
    public Optional<JsonService> json() {
        return Optional.ofNullable(json);
    }

    /** The service as AWS Query requests reach it, if it speaks Query. */
    public Optional<QueryService> query() {
        return Optional.ofNullable(query);
    }

    /** Collects the protocols and the implemented operations of a service. */
    public static final class Builder {
        private final String signingName;
        private final Class<?> sdkClientInterface;
        private final Map<String, JsonOperation<?, ?>> operations = new LinkedHashMap<>();
        private final Map<String, String> queryErrorCodes = new LinkedHashMap<>();
        private String targetPrefix;
        private String rpcV2ServiceName;
        private String queryVersion;
        private String queryNamespace;

        private Builder(String signingName, Class<?> sdkClientInterface) {
            this.signingName = signingName;
            this.sdkClientInterface = sdkClientInterface;
        }

        /** Serves AWS JSON 1.0 and 1.1 requests whose {@code X-Amz-Target} is {@code <targetPrefix>.<Op>}. */
        public Builder awsJson(String newTargetPrefix) {
            this.targetPrefix = newTargetPrefix;
            return this;
        }

        /** Serves Smithy RPC v2 CBOR at {@code /service/<serviceShapeName>/operation/<Op>}. */
        public Builder rpcV2Cbor(String serviceShapeName) {
            this.rpcV2ServiceName = serviceShapeName;
            return this;
        }

        /** Serves AWS Query requests of this {@code Version}, answered in XML of this namespace. */
        public Builder awsQuery(String apiVersion, String xmlNamespace) {
            this.queryVersion = apiVersion;
            this.queryNamespace = xmlNamespace;
            return this;
        }

        /**
         * Names the Query code of an error whose JSON code differs ({@code InvalidParameterValueException} →
         * {@code InvalidParameterValue}): written in Query XML, and in {@code x-amzn-query-error} to JSON and
         * CBOR clients in query-compatible mode.
         */
        public Builder queryErrorCode(String jsonCode, String queryCode) {
            queryErrorCodes.put(jsonCode, queryCode);
            return this;
        }

        public Builder add(JsonOperation<?, ?> operation) {
            if (operations.putIfAbsent(operation.name(), operation) != null) {
                throw new IllegalArgumentException(operation.name() + " is implemented twice");
            }
            return this;
        }

        public ServiceProtocols build() {
            if (targetPrefix == null && rpcV2ServiceName == null && queryVersion == null) {
                throw new IllegalStateException(signingName + " is served in no protocol");
            }
            JsonService json = null;
            if (targetPrefix != null || rpcV2ServiceName != null) {
                JsonService.Builder builder = JsonService.builder(targetPrefix, signingName, sdkClientInterface);
                if (rpcV2ServiceName != null) {
                    builder.rpcV2Cbor(rpcV2ServiceName);
                }
                queryErrorCodes.forEach(builder::queryErrorCode);
                operations.values().forEach(builder::add);
                json = builder.build();
            }
            QueryService query = null;
            if (queryVersion != null) {
                QueryService.Builder builder =
                        QueryService.builder(signingName, queryVersion, queryNamespace, sdkClientInterface);
                queryErrorCodes.forEach(builder::errorCode);
                operations.values().forEach(builder::add);
                query = builder.build();
            }
            return new ServiceProtocols(json, query);
        }
    }
}
