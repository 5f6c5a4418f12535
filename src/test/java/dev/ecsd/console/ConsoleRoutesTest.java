package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleRoutesTest {
    private final ConsoleRoutes routes = new ConsoleRoutes()
            .get("/ui/", request -> ConsoleAnswer.text(200, "clusters"))
            .get("/ui/r/{region}/clusters/{cluster}", request -> ConsoleAnswer.text(200, "cluster"))
            .get("/ui/r/{region}/task-definitions/{family}/{revision}", request -> ConsoleAnswer.text(200, "rev"))
            .post("/ui/r/{region}/clusters/{cluster}/services/{service}/scale",
                    request -> ConsoleAnswer.text(200, "scale"));

    @Test
    void namedSegmentsMatchOneSegmentEach() {
        assertThat(vars("GET", "/ui/r/us-east-1/clusters/web")).isEqualTo(Map.of("region", "us-east-1",
                "cluster", "web"));
        assertThat(routes.match("GET", "/ui/r/us-east-1/clusters/web/extra")).isEmpty();
        assertThat(routes.match("GET", "/ui/r/us-east-1/clusters/")).as("an empty segment names nothing").isEmpty();
        assertThat(routes.match("GET", "/ui/r/us-east-1/services/web")).isEmpty();
    }

    @Test
    void aTrailingSlashIsTheSamePage() {
        assertThat(routes.match("GET", "/ui/")).isPresent();
        assertThat(routes.match("GET", "/ui")).isPresent();
        assertThat(vars("GET", "/ui/r/us-east-1/clusters/web/")).containsEntry("cluster", "web");
    }

    @Test
    void segmentsArrivePercentDecodedAndAPlusStaysAPlus() {
        assertThat(vars("GET", "/ui/r/us-east-1/clusters/my%20cluster")).containsEntry("cluster", "my cluster");
        assertThat(vars("GET", "/ui/r/us-east-1/clusters/a+b")).containsEntry("cluster", "a+b");
        assertThat(vars("GET", "/ui/r/us-east-1/clusters/" + ConsolePaths.segment("web:3/x")))
                .as("an encoded slash stays inside its segment").containsEntry("cluster", "web:3/x");
        assertThat(vars("GET", "/ui/r/us-east-1/task-definitions/web/3")).containsEntry("revision", "3");
    }

    @Test
    void aMalformedEscapeMatchesNothingInsteadOfFailing() {
        assertThat(routes.match("GET", "/ui/r/us-east-1/clusters/%zz")).isEmpty();
        assertThat(routes.match("GET", "/ui/r/us-east-1/clusters/%")).isEmpty();
    }

    @Test
    void aPathOfAnotherMethodIsNotFound() {
        assertThat(routes.match("POST", "/ui/r/us-east-1/clusters/web")).isEmpty();
        assertThat(routes.match("GET", "/ui/r/us-east-1/clusters/web/services/api/scale")).isEmpty();
        assertThat(routes.match("POST", "/ui/r/us-east-1/clusters/web/services/api/scale")).isPresent();
        assertThat(routes.all()).extracting(ConsoleRoutes.Route::method).containsExactly("GET", "GET", "GET", "POST");
    }

    private Map<String, String> vars(String method, String path) {
        return routes.match(method, path).orElseThrow(() -> new AssertionError("no route for " + path)).vars();
    }
}
