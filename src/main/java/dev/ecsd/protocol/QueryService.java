package dev.ecsd.protocol;

import dev.ecsd.model.ErrorType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AWS Query service on the shared endpoint (form-encoded requests, XML answers): the name it is signed for,
 * which routes to it, the API version and XML namespace of its answers, every operation its API has, and the
 * ones ecsd implements.
 */
public final class QueryService {
    private final String signingName;
    private final String apiVersion;
    private final String xmlNamespace;
    private final OperationTable operations;
    private final Map<String, String> errorCodes;

    private QueryService(String signingName, String apiVersion, String xmlNamespace, OperationTable operations,
            Map<String, String> errorCodes) {
        this.signingName = signingName;
        this.apiVersion = apiVersion;
        this.xmlNamespace = xmlNamespace;
        this.operations = operations;
        this.errorCodes = errorCodes;
    }

    /**
     * Starts a service whose API is the one the given SDK client interface speaks: each method taking an
     * {@code XxxRequest} is operation {@code Xxx}, the {@code Action} of its requests.
     */
    public static Builder builder(String signingName, String apiVersion, String xmlNamespace,
            Class<?> sdkClientInterface) {
        return new Builder(signingName, apiVersion, xmlNamespace, OperationTable.of(signingName,
                sdkClientInterface));
    }

    /** The service of the credential scope, such as {@code elasticloadbalancing}. */
    public String signingName() {
        return signingName;
    }

    /** The {@code Version} parameter of its requests, such as {@code 2015-12-01}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The default namespace of its answers, such as {@code http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/}. */
    public String xmlNamespace() {
        return xmlNamespace;
    }

    /** The {@code Error/Code} an error is written with: the service's Query code for it, or its own code. */
    public String errorCode(ErrorType type) {
        return errorCodes.getOrDefault(type.code(), type.code());
    }

    public OperationTable operations() {
        return operations;
    }

    /** Collects the implemented operations of a service. */
    public static final class Builder {
        private final String signingName;
        private final String apiVersion;
        private final String xmlNamespace;
        private final OperationTable operations;
        private final Map<String, String> errorCodes = new LinkedHashMap<>();

        private Builder(String signingName, String apiVersion, String xmlNamespace, OperationTable operations) {
            this.signingName = signingName;
            this.apiVersion = apiVersion;
            this.xmlNamespace = xmlNamespace;
            this.operations = operations;
        }

        public Builder add(JsonOperation<?, ?> operation) {
            operations.add(operation);
            return this;
        }

        /** Writes errors of the given code with the service's Query code, such as {@code InvalidParameterValue}. */
        public Builder errorCode(String code, String queryCode) {
            errorCodes.put(code, queryCode);
            return this;
        }

        public QueryService build() {
            return new QueryService(signingName, apiVersion, xmlNamespace, operations.frozen(), Map.copyOf(errorCodes));
        }
    }
}
