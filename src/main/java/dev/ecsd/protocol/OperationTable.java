package dev.ecsd.protocol;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The operations of one AWS service, whatever protocol it is served in: every operation its API has (from the SDK
 * client interface) and the ones ecsd implements, each checked as it is added.
 */
public final class OperationTable {
    private final String serviceName;
    private final Set<String> apiOperations;
    private final Map<String, JsonOperation<?, ?>> implemented;

    private OperationTable(String serviceName, Set<String> apiOperations, Map<String, JsonOperation<?, ?>> implemented) {
        this.serviceName = serviceName;
        this.apiOperations = apiOperations;
        this.implemented = implemented;
    }

    /** An empty table of the API the given SDK client interface speaks: each method taking an {@code XxxRequest}. */
    static OperationTable of(String serviceName, Class<?> sdkClientInterface) {
        Set<String> operations = new TreeSet<>();
        for (Method method : sdkClientInterface.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length == 1 && parameters[0].getSimpleName().endsWith("Request")
                    && parameters[0].getSimpleName().equalsIgnoreCase(method.getName() + "Request")) {
                String name = parameters[0].getSimpleName();
                operations.add(name.substring(0, name.length() - "Request".length()));
            }
        }
        return new OperationTable(serviceName, Set.copyOf(operations), new LinkedHashMap<>());
    }

    /**
     * Adds an implemented operation. It must be an operation of the API, added once, and every member it requires
     * must be a member of its request (by wire name): a typo would otherwise refuse every request.
     */
    void add(JsonOperation<?, ?> operation) {
        if (!apiOperations.contains(operation.name())) {
            throw new IllegalArgumentException(operation.name() + " is not an operation of " + serviceName);
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
    }

    /** This table as it is now, no longer changed by {@link #add}. */
    OperationTable frozen() {
        return new OperationTable(serviceName, apiOperations, Map.copyOf(implemented));
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
}
