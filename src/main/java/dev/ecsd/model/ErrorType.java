package dev.ecsd.model;

/**
 * Every error ecsd answers with, categorized once: its AWS error code and HTTP status.
 * Domain code throws {@link ApiException} with one of these; the protocol layer writes it on the wire.
 */
public enum ErrorType {
    // Amazon ECS
    CLIENT("ClientException"),
    SERVER("ServerException", 500),
    INVALID_PARAMETER("InvalidParameterException"),
    CLUSTER_NOT_FOUND("ClusterNotFoundException"),
    CLUSTER_CONTAINS_SERVICES("ClusterContainsServicesException"),
    CLUSTER_CONTAINS_TASKS("ClusterContainsTasksException"),
    CLUSTER_CONTAINS_CONTAINER_INSTANCES("ClusterContainsContainerInstancesException"),
    SERVICE_NOT_FOUND("ServiceNotFoundException"),
    SERVICE_NOT_ACTIVE("ServiceNotActiveException"),
    PLATFORM_UNKNOWN("PlatformUnknownException"),
    PLATFORM_TASK_DEFINITION_INCOMPATIBILITY("PlatformTaskDefinitionIncompatibilityException"),
    UNSUPPORTED_FEATURE("UnsupportedFeatureException"),
    ACCESS_DENIED("AccessDeniedException"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    RESOURCE_IN_USE("ResourceInUseException"),
    LIMIT_EXCEEDED("LimitExceededException"),
    TARGET_NOT_FOUND("TargetNotFoundException"),
    SERVICE_DEPLOYMENT_NOT_FOUND("ServiceDeploymentNotFoundException"),
    // CloudWatch Logs (shares InvalidParameterException and ResourceNotFoundException with ECS)
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException"),
    INVALID_SEQUENCE_TOKEN("InvalidSequenceTokenException"),
    DATA_ALREADY_ACCEPTED("DataAlreadyAcceptedException"),
    VALIDATION("ValidationException"),
    // The wire and authentication, common to every AWS JSON service
    SERIALIZATION("SerializationException"),
    UNKNOWN_OPERATION("UnknownOperationException"),
    NOT_IMPLEMENTED("NotImplementedException", 501),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException"),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException"),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException"),
    INVALID_SIGNATURE("InvalidSignatureException"),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413),
    THROTTLING("ThrottlingException");

    private final String code;
    private final int httpStatus;

    ErrorType(String code) {
        this(code, 400);
    }

    ErrorType(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The error code as AWS writes it in {@code __type}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public ApiException exception(String message) {
        return new ApiException(this, message);
    }
}
