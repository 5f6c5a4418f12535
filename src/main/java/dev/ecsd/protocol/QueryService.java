package dev.ecsd.protocol;

import dev.ecsd.model.ErrorType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;

/**
 * An AWS Query service on the shared endpoint (form-encoded requests, XML answers): the name it is signed for,
 * which routes to it, the API version and XML namespace of its answers, every operation its API has, and the
 * ones ecsd implements.
 */
public final class QueryService {
    private final String signingName;
    private final String apiVersion;
    private final String xmlNamespace;
    private final Set<String> apiOperations;
    private final Map<String, JsonOperation<?, ?>> implemented;
    private final Map<String, String> errorCodes;

    private QueryService(String signingName, String apiVersion, String xmlNamespace, Set<String> apiOperations,
            Map<String, JsonOperation<?, ?>> implemented, Map<String, String> errorCodes) {
        this.signingName = signingName;
        this.apiVersion = apiVersion;
        this.xmlNamespace = xmlNamespace;
        this.apiOperations = apiOperations;
        this.implemented = implemented;
        this.errorCodes = errorCodes;
    }

    /**
     * Starts a service whose API is the one the given SDK client interface speaks: each method taking an
     * {@code XxxRequest} is operation {@code Xxx}, the {@code Action} of its requests.
     */
    public static Builder builder(String signingName, String apiVersion, String xmlNamespace,
            Class<?> sdkClientInterface) {
        return new Builder(signingName, apiVersion, xmlNamespace, JsonService.operationsOf(sdkClientInterface));
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

    public boolean hasOperation(String name) {
        return apiOperations.contains(name);
    }

    public Optional<JsonOperation<?, ?>> implementation(String name) {
        return Optional.ofNullable(implemented.get(name));
    }

    public Set<String> apiOperations() {
        return apiOperations;
    }

    public Set<String> implementedOperations() {
        return implemented.keySet();
    }

    /** Collects the implemented operations of a service. */
    public static final class Builder {
        private final String signingName;
        private final String apiVersion;
        private final String xmlNamespace;
        private final Set<String> apiOperations;
        private final Map<String, JsonOperation<?, ?>> implemented = new LinkedHashMap<>();
        private final Map<String, String> errorCodes = new LinkedHashMap<>();

        private Builder(String signingName, String apiVersion, String xmlNamespace, Set<String> apiOperations) {
            this.signingName = signingName;
            this.apiVersion = apiVersion;
            this.xmlNamespace = xmlNamespace;
            this.apiOperations = apiOperations;
        }

        public Builder add(JsonOperation<?, ?> operation) {
            if (!apiOperations.contains(operation.name())) {
                throw new IllegalArgumentException(operation.name() + " is not an operation of " + signingName);
            }
            SdkPojo request = (SdkPojo) operation.requestBuilder().get();
            for (String member : operation.requiredMembers()) {
                if (request.sdkFields().stream().noneMatch(field -> member.equals(field.locationName()))) {
                    throw new IllegalArgumentException(operation.name() + " requires '" + member
                            + "', which is not a parameter of its request");
                }
            }
            if (implemented.putIfAbsent(operation.name(), operation) != null) {
                throw new IllegalArgumentException(operation.name() + " is implemented twice");
            }
            return this;
        }

        /** Writes errors of the given code with the service's Query code, such as {@code InvalidParameterValue}. */
        public Builder errorCode(String code, String queryCode) {
            errorCodes.put(code, queryCode);
            return this;
        }

        public QueryService build() {
            return new QueryService(signingName, apiVersion, xmlNamespace, apiOperations, Map.copyOf(implemented),
                    Map.copyOf(errorCodes));
        }
    }
}
