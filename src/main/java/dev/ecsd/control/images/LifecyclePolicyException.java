package dev.ecsd.control.images;

/** A lifecycle policy text ECR would refuse; the API answers it as InvalidParameterException with this message. */
public final class LifecyclePolicyException extends RuntimeException {
    private static final String PREFIX = "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: "
            + "'Lifecycle policy validation failure: ";

    public LifecyclePolicyException(String message) {
        super(message);
    }

    /**
     * ECR wraps every reason the same way (as its answers show: e.g. "Invalid parameter at 'LifecyclePolicyText'
     * failed to satisfy constraint: 'Lifecycle policy validation failure: Only one rule can select Untagged
     * images.'"), so callers give only the reason.
     */
    static LifecyclePolicyException validationFailure(String reason) {
        return new LifecyclePolicyException(PREFIX + reason + "'");
    }
}
