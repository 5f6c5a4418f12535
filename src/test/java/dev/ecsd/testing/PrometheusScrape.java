package dev.ecsd.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scrapes a server's {@code /metrics} as Prometheus does, unsigned, and checks every sample line's format. */
public final class PrometheusScrape {
    /** {@code name{labels} value}, or {@code name value}: a sample line of the text format. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? "
                    + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PrometheusScrape() {
    }

    public static HttpResponse<String> get(URI endpoint) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every sample by its name and labels (as the server prints them); fails on a line not in the text format. */
    public static Map<String, Double> samples(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = get(endpoint);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            String labels = sample.group(2) == null ? "" : sample.group(2).replace(",}", "}");
            samples.put(sample.group(1) + labels, Double.parseDouble(sample.group(3).replace("+Inf", "Infinity")));
        }
        return samples;
    }

    /** The sum of the samples whose name and labels start with {@code prefix}. */
    public static double sum(Map<String, Double> samples, String prefix) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue)
                .sum();
    }
}
