package dev.ecsd.lb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty answers by itself on a listener (a malformed request, headers too large) look like ALB's. */
final class AlbErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        byte[] page = AlbPages.page(code).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.SERVER, AlbPages.SERVER);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, AlbPages.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.length);
        response.write(true, ByteBuffer.wrap(page), callback);
    }
}
