package dev.ecsd.lb;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;

/**
 * ALB's HTTP health check: a GET with ALB's user agent on a connection closed after the answer, timed out as
 * the target group says. The body is read and dropped; only the status counts.
 */
final class HttpHealthProbe implements HealthProbe {
    private final HttpClient client;

    /** {@code client} is started, with ALB's user agent and no cookies, decoders or redirects. */
    HttpHealthProbe(HttpClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResult check(String host, int port, String path, Duration timeout, SuccessCodes codes) {
        String target = "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
                + (path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path);
        Request request;
        try {
            request = client.newRequest(target);
        } catch (IllegalArgumentException e) {
            return HealthCheckResult.FAILED;
        }
        request.method(HttpMethod.GET)
                .headers(headers -> headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString()))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Integer> status = new CompletableFuture<>();
        request.send(result -> {
            if (result.isSucceeded()) {
                status.complete(result.getResponse().getStatus());
            } else {
                status.completeExceptionally(result.getFailure());
            }
        });
        try {
            // the request's own timeout ends it; the margin only guards against a lost completion
            int code = status.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return codes.matches(code) ? HealthCheckResult.PASSED : HealthCheckResult.codeMismatch(code);
        } catch (ExecutionException e) {
            return causedByTimeout(e.getCause()) ? HealthCheckResult.TIMED_OUT : HealthCheckResult.FAILED;
        } catch (TimeoutException e) {
            request.abort(e);
            return HealthCheckResult.TIMED_OUT;
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            return HealthCheckResult.FAILED;
        }
    }

    static boolean causedByTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
