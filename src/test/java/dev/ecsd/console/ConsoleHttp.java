package dev.ecsd.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * A visitor of the console over plain HTTP, as a browser would be without its script: it keeps the session cookie
 * the server sets (or one a test gives it) and follows no redirect, so a test sees every Location.
 */
final class ConsoleHttp {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile(ConsoleSessions.COOKIE + "=([^;]*)");

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI endpoint;
    private String cookie;

    ConsoleHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET());
    }

    HttpResponse<String> head(String path) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    /** A form's POST, its fields url-encoded in the body as a browser sends them. */
    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The session cookie's value this visitor sends, or null. */
    String cookie() {
        return cookie;
    }

    void cookie(String value) {
        cookie = value;
    }

    /** The CSRF token of the first form of a page. */
    static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("the page has no form with a CSRF token:\n" + page);
        }
        return matcher.group(1);
    }

    /** The Set-Cookie header of the console's session, if the answer has one. */
    static Optional<String> setCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(ConsoleSessions.COOKIE + "="))
                .findFirst();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (cookie != null) {
            request.header("Cookie", ConsoleSessions.COOKIE + "=" + cookie);
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            setCookie(response).ifPresent(header -> {
                Matcher matcher = COOKIE.matcher(header);
                if (matcher.find()) {
                    cookie = matcher.group(1);
                }
            });
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers the FARGATE task definition {@code web} (an image that is never run: for the simulated runtime) and
     * creates the service {@code web} of {@code desiredCount} tasks of it in {@code cluster}; answers the awsvpc
     * configuration it used, for RunTask calls of the same definition.
     */
    static NetworkConfiguration webService(EcsClient ecs, String cluster, int desiredCount) {
        ecs.registerTaskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image("example/app:1")));
        NetworkConfiguration awsvpc = NetworkConfiguration.builder().awsvpcConfiguration(c -> c
                .subnets("subnet-12345678").securityGroups("sg-12345678").assignPublicIp(AssignPublicIp.ENABLED))
                .build();
        ecs.createService(r -> r.cluster(cluster).serviceName("web").taskDefinition("web").desiredCount(desiredCount)
                .launchType(LaunchType.FARGATE).networkConfiguration(awsvpc));
        return awsvpc;
    }
}
