package dev.ecsd.protocol;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An AWS JSON 1.1 service on the shared endpoint: the {@code X-Amz-Target} prefix that routes to it,
 * the name it is signed for, every operation its API has, and the ones ecsd implements.
 */
public final class JsonService {
    private final String targetPrefix;
    private final String signingName;
    private final Set<String> apiOperations;
    private final Map<String, JsonOperation<?, ?>> implemented;

    private JsonService(String targetPrefix, String signingName, Set<String> apiOperations,
            Map<String, JsonOperation<?, ?>> implemented) {
        this.targetPrefix = targetPrefix;
        this.signingName = signingName;
        this.apiOperations = apiOperations;
        this.implemented = implemented;
    }

    /**
     * Starts a service whose API is the one the given SDK client interface speaks: each method taking an
     * {@code XxxRequest} is operation {@code Xxx}.
     */
    public static Builder builder(String targetPrefix, String signingName, Class<?> sdkClientInterface) {
        return new Builder(targetPrefix, signingName, operationsOf(sdkClientInterface));
    }

    /** The operations of the API an SDK client interface speaks: each method taking an {@code XxxRequest}. */
    static Set<String> operationsOf(Class<?> sdkClientInterface) {
        Set<String> operations = new TreeSet<>();
        for (Method method : sdkClientInterface.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length == 1 && parameters[0].getSimpleName().endsWith("Request")
                    && parameters[0].getSimpleName().equalsIgnoreCase(method.getName() + "Request")) {
                String name = parameters[0].getSimpleName();
                operations.add(name.substring(0, name.length() - "Request".length()));
            }
        }
        return Set.copyOf(operations);
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    public String signingName() {
        return signingName;
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
        private final String targetPrefix;
        private final String signingName;
        private final Set<String> apiOperations;
        private final Map<String, JsonOperation<?, ?>> implemented = new LinkedHashMap<>();

        private Builder(String targetPrefix, String signingName, Set<String> apiOperations) {
            this.targetPrefix = targetPrefix;
            this.signingName = signingName;
            this.apiOperations = apiOperations;
        }

        public Builder add(JsonOperation<?, ?> operation) {
            if (!apiOperations.contains(operation.name())) {
                throw new IllegalArgumentException(operation.name() + " is not an operation of " + targetPrefix);
            }
            if (implemented.putIfAbsent(operation.name(), operation) != null) {
                throw new IllegalArgumentException(operation.name() + " is implemented twice");
            }
            return this;
        }

        public JsonService build() {
            return new JsonService(targetPrefix, signingName, apiOperations, Map.copyOf(implemented));
        }
    }
}
