package dev.ecsd.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one place that turns what docker-java throws into a {@link RuntimeFailure}. */
final class EngineErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineErrors() {
    }

    static RuntimeFailure toFailure(String operation, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof RuntimeFailure failure) {
                return failure;
            }
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof NotFoundException notFound) {
                return new RuntimeFailure(RuntimeFailure.Kind.NOT_FOUND, engineMessage(notFound), thrown,
                        engineMessage(notFound));
            }
            if (t instanceof DockerException refused) {
                return new RuntimeFailure(RuntimeFailure.Kind.REFUSED,
                        operation + ": " + engineMessage(refused), thrown, engineMessage(refused));
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return new RuntimeFailure(RuntimeFailure.Kind.UNAVAILABLE,
                        operation + " failed: " + t.getMessage(), thrown);
            }
        }
        return new RuntimeFailure(RuntimeFailure.Kind.REFUSED, operation + " failed: " + thrown, thrown);
    }

    /**
     * The engine's own words: docker-java's message is {@code Status 404: {"message":"No such container: x"}};
     * this returns {@code No such container: x}.
     */
    static String engineMessage(Throwable error) {
        String message = String.valueOf(error.getMessage());
        int json = message.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode body = JSON.readTree(message.substring(json));
                if (body.hasNonNull("message")) {
                    return body.get("message").asText();
                }
            } catch (IOException ignored) {
                // not JSON after all: keep the whole message
            }
        }
        return message.strip();
    }
}
