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
    TASK_SET_NOT_FOUND("TaskSetNotFoundException"),
    CONFLICT("ConflictException"),
    // CloudWatch Logs (shares InvalidParameterException and ResourceNotFoundException with ECS)
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException"),
    INVALID_SEQUENCE_TOKEN("InvalidSequenceTokenException"),
    DATA_ALREADY_ACCEPTED("DataAlreadyAcceptedException"),
    VALIDATION("ValidationException"),
    // Elastic Load Balancing (ELBv2): Query-protocol error codes, without the "Exception" suffix
    LOAD_BALANCER_NOT_FOUND("LoadBalancerNotFound"),
    TARGET_GROUP_NOT_FOUND("TargetGroupNotFound"),
    LISTENER_NOT_FOUND("ListenerNotFound"),
    RULE_NOT_FOUND("RuleNotFound"),
    DUPLICATE_LOAD_BALANCER_NAME("DuplicateLoadBalancerName"),
    DUPLICATE_TARGET_GROUP_NAME("DuplicateTargetGroupName"),
    DUPLICATE_LISTENER("DuplicateListener"),
    DUPLICATE_TAG_KEYS("DuplicateTagKeys"),
    PRIORITY_IN_USE("PriorityInUse"),
    ELB_RESOURCE_IN_USE("ResourceInUse"),
    INVALID_TARGET("InvalidTarget"),
    INVALID_CONFIGURATION_REQUEST("InvalidConfigurationRequest"),
    INVALID_LOAD_BALANCER_ACTION("InvalidLoadBalancerAction"),
    INCOMPATIBLE_PROTOCOLS("IncompatibleProtocols"),
    UNSUPPORTED_PROTOCOL("UnsupportedProtocol"),
    OPERATION_NOT_PERMITTED("OperationNotPermitted"),
    TARGET_GROUP_ASSOCIATION_LIMIT("TargetGroupAssociationLimit"),
    TOO_MANY_TAGS("TooManyTags"),
    TOO_MANY_TARGETS("TooManyTargets"),
    TOO_MANY_RULES("TooManyRules"),
    TOO_MANY_ACTIONS("TooManyActions"),
    VALIDATION_ERROR("ValidationError"),
    // CloudWatch: JSON codes (the error shapes' names); its Query codes are given where the service is registered
    INVALID_PARAMETER_VALUE("InvalidParameterValueException"),
    MISSING_REQUIRED_PARAMETER("MissingRequiredParameterException"),
    // Application Auto Scaling (shares ValidationException and LimitExceededException)
    OBJECT_NOT_FOUND("ObjectNotFoundException"),
    CONCURRENT_UPDATE("ConcurrentUpdateException"),
    FAILED_RESOURCE_ACCESS("FailedResourceAccessException"),
    INVALID_NEXT_TOKEN("InvalidNextTokenException"),
    TOO_MANY_TAGS_EXCEPTION("TooManyTagsException"),
    // Secrets Manager (shares ResourceNotFoundException, InvalidParameterException, InvalidNextTokenException)
    RESOURCE_EXISTS("ResourceExistsException"),
    INVALID_REQUEST("InvalidRequestException"),
    DECRYPTION_FAILURE("DecryptionFailure"),
    // CloudWatch (metrics and alarms)
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombinationException"),
    /** A missing alarm (SetAlarmState, DeleteAlarms); a missing tagged resource is RESOURCE_NOT_FOUND. */
    ALARM_NOT_FOUND("ResourceNotFound", 404),
    LIMIT_EXCEEDED_FAULT("LimitExceededFault"),
    CLOUDWATCH_INVALID_NEXT_TOKEN("InvalidNextToken"),
    INVALID_FORMAT_FAULT("InvalidFormatFault"),
    // SSM Parameter Store (shares ValidationException)
    PARAMETER_NOT_FOUND("ParameterNotFound"),
    PARAMETER_VERSION_NOT_FOUND("ParameterVersionNotFound"),
    PARAMETER_ALREADY_EXISTS("ParameterAlreadyExists"),
    PARAMETER_MAX_VERSION_LIMIT_EXCEEDED("ParameterMaxVersionLimitExceeded"),
    PARAMETER_VERSION_LABEL_LIMIT_EXCEEDED("ParameterVersionLabelLimitExceeded"),
    PARAMETER_PATTERN_MISMATCH("ParameterPatternMismatchException"),
    INVALID_ALLOWED_PATTERN("InvalidAllowedPatternException"),
    HIERARCHY_LEVEL_LIMIT_EXCEEDED("HierarchyLevelLimitExceededException"),
    INVALID_KEY_ID("InvalidKeyId"),
    INVALID_FILTER_KEY("InvalidFilterKey"),
    INVALID_FILTER_OPTION("InvalidFilterOption"),
    INVALID_FILTER_VALUE("InvalidFilterValue"),
    SSM_INVALID_NEXT_TOKEN("InvalidNextToken"),
    INVALID_RESOURCE_ID("InvalidResourceId"),
    INVALID_RESOURCE_TYPE("InvalidResourceType"),
    TOO_MANY_TAGS_ERROR("TooManyTagsError"),
    // Amazon ECR (shares InvalidParameterException, ServerException, LimitExceededException, TooManyTagsException)
    REPOSITORY_NOT_FOUND("RepositoryNotFoundException"),
    REPOSITORY_ALREADY_EXISTS("RepositoryAlreadyExistsException"),
    REPOSITORY_NOT_EMPTY("RepositoryNotEmptyException"),
    REPOSITORY_POLICY_NOT_FOUND("RepositoryPolicyNotFoundException"),
    LIFECYCLE_POLICY_NOT_FOUND("LifecyclePolicyNotFoundException"),
    LIFECYCLE_POLICY_PREVIEW_NOT_FOUND("LifecyclePolicyPreviewNotFoundException"),
    IMAGE_NOT_FOUND("ImageNotFoundException"),
    IMAGE_ALREADY_EXISTS("ImageAlreadyExistsException"),
    IMAGE_TAG_ALREADY_EXISTS("ImageTagAlreadyExistsException"),
    IMAGE_DIGEST_DOES_NOT_MATCH("ImageDigestDoesNotMatchException"),
    INVALID_TAG_PARAMETER("InvalidTagParameterException"),
    // The wire and authentication, common to every AWS JSON service
    SERIALIZATION("SerializationException"),
    UNKNOWN_OPERATION("UnknownOperationException"),
    NOT_IMPLEMENTED("NotImplementedException", 501),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException"),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException"),
    /** Temporary credentials past their expiration, or of a task that has stopped. */
    EXPIRED_TOKEN("ExpiredTokenException"),
    INVALID_SIGNATURE("InvalidSignatureException"),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413),
    // Requests the HTTP layer refuses before any service reads them (headers too large, a malformed request line)
    REQUEST_HEADER_FIELDS_TOO_LARGE("RequestHeaderFieldsTooLargeException", 431),
    BAD_REQUEST("BadRequestException"),
    THROTTLING("ThrottlingException"),
    // The wire of AWS Query services (ELBv2, STS, CloudWatch's Query variant): codes as those services write them
    INVALID_ACTION("InvalidAction"),
    MISSING_ACTION("MissingAction"),
    NO_SUCH_VERSION("NoSuchVersion"),
    MALFORMED_QUERY_STRING("MalformedQueryString"),
    /** UnrecognizedClientException as Query services (STS, IAM) write it, with their HTTP status. */
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
    /** ExpiredTokenException as Query services (STS, IAM) write it, with their HTTP status. */
    QUERY_EXPIRED_TOKEN("ExpiredToken", 403),
    // STS (shares ValidationError with ELBv2)
    STS_ACCESS_DENIED("AccessDenied", 403),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument");

    private final String code;
    private final int httpStatus;

    ErrorType(String code) {
        this(code, 400);
    }

    ErrorType(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The error code as AWS writes it: {@code __type} in JSON, {@code Error/Code} in Query XML. */
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
