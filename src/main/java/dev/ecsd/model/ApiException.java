package dev.ecsd.model;

/** An error a request answers with: an {@link ErrorType} and a message for the user. */
public final class ApiException extends RuntimeException {
    /**
     * The longest message an error carries. Messages quote inputs through {@link Quoted}; this is the backstop for a
     * message that quotes one whole anyway, so that no error echoes megabytes back to the caller.
     */
    public static final int MAX_MESSAGE = 2048;

    private final ErrorType type;

    public ApiException(ErrorType type, String message) {
        super(bounded(message), null, false, false);
        this.type = type;
    }

    private static String bounded(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(MAX_MESSAGE - 1)) ? MAX_MESSAGE - 1 : MAX_MESSAGE;
        return message.substring(0, end) + "…(message cut from " + message.length() + " characters)";
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
