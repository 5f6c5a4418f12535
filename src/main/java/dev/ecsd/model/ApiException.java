package dev.ecsd.model;

/** An error a request answers with: an {@link ErrorType} and a message for the user. */
public final class ApiException extends RuntimeException {
    private final ErrorType type;

    public ApiException(ErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }

    public static ApiException invalidParameter(String message) {
        return new ApiException(ErrorType.INVALID_PARAMETER, message);
    }

    public static ApiException client(String message) {
        return new ApiException(ErrorType.CLIENT, message);
    }
}
