package dev.ecsd.protocol;

import dev.ecsd.model.ErrorType;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives itself, before any handler of ecsd sees the request (headers too large, a malformed
 * request), written as AWS JSON errors instead of Jetty's HTML pages, so that clients read an AWS error.
 */
final class AwsErrorPages extends ErrorHandler {
    private final int maxHeaderBytes;

    AwsErrorPages(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        Reply reply = reply(code, message);
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    /** The AWS error for an HTTP status Jetty chose (and its reason, which names no internals). */
    Reply reply(int code, String message) {
        String requestId = UUID.randomUUID().toString();
        if (code == 431) {
            return AwsDispatcher.error(ErrorType.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request's headers are larger "
                    + "than the " + maxHeaderBytes + " bytes ecsd accepts.", requestId);
        }
        if (code >= 500) {
            return AwsDispatcher.error(ErrorType.SERVER, "An internal error occurred in ecsd (request id " + requestId
                    + "); the server log has the details.", requestId);
        }
        String reason = message == null || message.isBlank() ? "HTTP " + code : message;
        return AwsDispatcher.error(ErrorType.BAD_REQUEST, "The HTTP request could not be read: " + reason + ".",
                requestId);
    }
}
