package dev.ecsd.bench;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * How fast Docker pushes and pulls an image through ecsd's registry (issue 14; not a test): {@code docker push}
 * and {@code docker pull} of a 50 MB image (the test busybox and one layer of random bytes, fresh for every
 * repeat, so nothing compresses and no blob is already in the registry or on the engine) through a server process
 * of its own (its front checking the ECR token, docker-registry behind it), beside moving the same image with
 * {@code docker save} and {@code docker load} on the same engine: {@code docker save -o file}, then the image
 * removed and {@code docker load -i file} (a load that really loads), and the pipeline
 * {@code docker save | docker load} — which can only run while the image is there, so its load unpacks the stream
 * and skips the layers it has. Before each pull and load the image is removed ({@code docker rmi} of its ID, every
 * tag with it) and checked gone; the pull must report its layer downloaded. As a variant in the same run, to show
 * what ecsd's front costs, another such image goes the same way to the docker-registry child directly (its
 * loopback port, no token), and the CPU the server process, docker-registry and dockerd spend from push to pull is
 * read from /proc.
 *
 * <p>Run with {@code ./run-benchmark registry [repeats [megabytes]]} (default 3 after 1 warm-up, 50 MB). Docker
 * logs in with a config directory of the benchmark's own. The repository, the images, the config directory and
 * the server go on success, failure and SIGTERM ({@link Teardown}); a run killed with SIGKILL leaves images
 * labelled {@code dev.ecsd.bench.registry}.
 */
public final class RegistryBenchmark {
    private static final int WARM_UPS = 1;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    /** No new repeat starts after this long; the repeats done are reported. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);
    private static final String REGION = TestServer.REGION;
    private static final double MB = 1_000_000.0;

    /** One repeat's seconds, sizes and CPU seconds. */
    private record Round(Transfer ecsd, Transfer direct, double pipeline, double save, double load,
            long engineSize, long ecrSize) {
        double saveLoad() {
            return save + load;
        }
    }

    /**
     * A push and a pull of one image, with the CPU the server, docker-registry and dockerd (shared with whatever
     * else uses the engine) spent from push to pull.
     */
    private record Transfer(double push, double pull, double serverCpu, double registryCpu, double engineCpu) {
        double pushPull() {
            return push + pull;
        }
    }

    private final EcrClient ecr;
    private final PrivateDocker docker;
    private final RandomLayerImages images;
    private final BenchServer server;
    private final RegistryChild registry;
    private final String uri;
    /** dockerd's pid, for its CPU; -1 when it is not found (in another namespace, say). */
    private final long engine = engineProcess();

    private RegistryBenchmark(EcrClient ecr, PrivateDocker docker, RandomLayerImages images, BenchServer server,
            String uri) {
        this.ecr = ecr;
        this.docker = docker;
        this.images = images;
        this.server = server;
        this.registry = new RegistryChild(server.dataDirectory());
        this.uri = uri;
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long bytes = (args.length > 1 ? Long.parseLong(args[1]) : 50) * 1_000_000L;
        String run = UUID.randomUUID().toString().substring(0, 8);
        String repository = "bench-registry-" + run;
        System.out.printf("registry: docker push and pull of busybox + %,d random bytes through ecsd beside docker "
                + "save and load, %d repeats after %d warm-up, %s%n", bytes, repeats, WARM_UPS, Instant.now());
        System.out.println("load average at start: " + Commands.loadAverage());
        String base;
        try (DockerRuntime runtime = DockerRuntime.fromEnvironment()) {
            base = TestImages.busybox(runtime);
        }
        try (BenchServer server = BenchServer.start(List.of(), List.of("--runtime", "simulated"));
                EcrClient ecr = TestServer.client(EcrClient.builder(), server.endpoint());
                PrivateDocker docker = PrivateDocker.create(COMMAND_TIMEOUT)) {
            RandomLayerImages images = new RandomLayerImages(docker, base, run, new SplittableRandom());
            try (Teardown teardown = Teardown.of(images::removeAll,
                    () -> ecr.deleteRepository(r -> r.repositoryName(repository).force(true)),
                    docker::close, server::close)) {
                String uri = ecr.createRepository(r -> r.repositoryName(repository)).repository().repositoryUri();
                docker.login(uri.substring(0, uri.indexOf('/')), password(ecr));
                System.out.println("server pid " + server.pid() + " on " + server.endpoint() + ", repository " + uri);
                new RegistryBenchmark(ecr, docker, images, server, uri).measure(repeats, bytes, repository, run);
            }
        }
        System.out.println("load average at end: " + Commands.loadAverage());
    }

    /** The password of ECR's token: its base64 {@code AWS:<password>}, as {@code aws ecr get-login-password} prints. */
    private static String password(EcrClient ecr) {
        AuthorizationData data = ecr.getAuthorizationToken(r -> { }).authorizationData().getFirst();
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        if (!decoded.startsWith("AWS:")) {
            throw new IllegalStateException("the token does not decode to AWS:<password>");
        }
        return decoded.substring("AWS:".length());
    }

    private void measure(int repeats, long bytes, String repository, String run) throws Exception {
        String direct = registry.address() + "/" + REGION + "/direct-" + run;
        System.out.println("docker-registry alone (the variant without ecsd's front): " + direct);
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < WARM_UPS + repeats; i++) {
            if (System.nanoTime() > deadline) {
                System.out.println("stopping after " + RUN_TIMEOUT + ": " + rounds.size() + " repeats measured");
                break;
            }
            Round round = round("r" + i, bytes, repository, direct, i % 2 == 1);
            boolean warmUp = i < WARM_UPS;
            if (!warmUp) {
                rounds.add(round);
            }
            System.out.printf("  %s %d: ecsd push %.2f s, pull %.2f s; docker-registry alone push %.2f s, pull %.2f "
                    + "s; save|load %.2f s, save -o %.2f s, load -i %.2f s; load average %.2f%n",
                    warmUp ? "warm-up" : "repeat", warmUp ? i + 1 : i - WARM_UPS + 1, round.ecsd().push(),
                    round.ecsd().pull(), round.direct().push(), round.direct().pull(), round.pipeline(),
                    round.save(), round.load(), Commands.load());
        }
        if (rounds.isEmpty()) {
            throw new IllegalStateException("no repeat was measured");
        }
        print(rounds);
    }

    /**
     * One image pushed and pulled through ecsd, then saved and loaded on the engine; another pushed and pulled to
     * docker-registry directly (first when {@code directFirst}, so neither always runs on a warmer cache).
     */
    private Round round(String tag, long bytes, String repository, String direct, boolean directFirst)
            throws Exception {
        Transfer directTransfer = directFirst ? transfer(direct + ":" + tag, bytes) : null;
        String reference = uri + ":" + tag;
        String id = images.build(reference, bytes);
        long engineSize = images.size(reference);
        Transfer ecsd = pushAndPull(reference, id);
        long ecrSize = ecrSize(repository, tag);

        double pipeline = docker.timedPipeline("$DOCKER save \"$1\" | $DOCKER load", reference).seconds();
        String archive = docker.file("image.tar").toString();
        double save = docker.timed("save", "-o", archive, reference).seconds();
        images.remove(id);
        double load = docker.timed("load", "-i", archive).seconds();
        if (!images.imageId(reference).equals(id)) {
            throw new IllegalStateException("docker load -i did not bring back " + id);
        }
        Files.deleteIfExists(docker.file("image.tar"));
        images.remove(id);
        if (!directFirst) {
            directTransfer = transfer(direct + ":" + tag, bytes);
        }
        return new Round(ecsd, directTransfer, pipeline, save, load, engineSize, ecrSize);
    }

    /** A fresh image pushed and pulled, then removed. */
    private Transfer transfer(String reference, long bytes) {
        String id = images.build(reference, bytes);
        Transfer transfer = pushAndPull(reference, id);
        images.remove(id);
        return transfer;
    }

    /** Times the push of {@code reference}, removes image {@code id}, and times its pull, which must download it. */
    private Transfer pushAndPull(String reference, String id) {
        double serverBefore = server.cpuSeconds();
        double registryBefore = registry.cpuSeconds();
        double engineBefore = BenchServer.cpuSeconds(engine);
        double push = docker.timed("push", reference).seconds();
        images.remove(id);
        PrivateDocker.Timed pull = docker.timed("pull", reference);
        if (!pull.output().contains("Pull complete") || !images.imageId(reference).equals(id)) {
            throw new IllegalStateException("docker pull " + reference + " did not download the image " + id + ": "
                    + pull.output());
        }
        return new Transfer(push, pull.seconds(), server.cpuSeconds() - serverBefore,
                registry.cpuSeconds() - registryBefore, BenchServer.cpuSeconds(engine) - engineBefore);
    }

    private static long engineProcess() {
        Commands.Result pidof = Commands.run(Duration.ofSeconds(10), List.of("pidof", "dockerd"));
        String[] pids = pidof.output().strip().split("\\s+");
        return pidof.exitCode() == 0 && pids.length == 1 ? Long.parseLong(pids[0]) : -1;
    }

    private long ecrSize(String repository, String tag) {
        ImageDetail detail = ecr.describeImages(r -> r.repositoryName(repository).imageIds(i -> i.imageTag(tag)))
                .imageDetails().getFirst();
        return detail.imageSizeInBytes();
    }

    private static void print(List<Round> rounds) {
        Round first = rounds.getFirst();
        double megabytes = first.engineSize() / MB;
        System.out.printf("%nimage: docker image inspect .Size %,d bytes, ECR DescribeImages imageSizeInBytes %,d "
                + "bytes (compressed layers); median of %d repeats, MB/s of the engine's size (1 MB = 10^6 bytes)%n",
                first.engineSize(), first.ecrSize(), rounds.size());
        System.out.printf("  %-46s %8s %8s   %s%n", "", "seconds", "MB/s", "runs");
        row("ecsd: docker push", rounds, r -> r.ecsd().push(), megabytes);
        row("ecsd: docker pull", rounds, r -> r.ecsd().pull(), megabytes);
        row("ecsd: push + pull", rounds, r -> r.ecsd().pushPull(), megabytes);
        row("docker-registry alone: docker push", rounds, r -> r.direct().push(), megabytes);
        row("docker-registry alone: docker pull", rounds, r -> r.direct().pull(), megabytes);
        row("docker-registry alone: push + pull", rounds, r -> r.direct().pushPull(), megabytes);
        row("docker save -o file", rounds, Round::save, megabytes);
        row("docker load -i file (image removed first)", rounds, Round::load, megabytes);
        row("save -o + load -i", rounds, Round::saveLoad, megabytes);
        row("docker save | docker load (load skips layers)", rounds, Round::pipeline, megabytes);
        System.out.printf("  ratios: push / save -o %.2f, pull / load -i %.2f, push + pull / (save -o + load -i) "
                + "%.2f, push + pull / (save | load) %.2f; ecsd / docker-registry alone: push %.2f, pull %.2f%n",
                ratio(rounds, r -> r.ecsd().push(), Round::save), ratio(rounds, r -> r.ecsd().pull(), Round::load),
                ratio(rounds, r -> r.ecsd().pushPull(), Round::saveLoad),
                ratio(rounds, r -> r.ecsd().pushPull(), Round::pipeline),
                ratio(rounds, r -> r.ecsd().push(), r -> r.direct().push()),
                ratio(rounds, r -> r.ecsd().pull(), r -> r.direct().pull()));
        System.out.printf("  CPU seconds from push to pull (median): through ecsd, the server process %.2f and "
                + "docker-registry %.2f; docker-registry alone %.2f (the server %.2f)%n",
                median(rounds, r -> r.ecsd().serverCpu()), median(rounds, r -> r.ecsd().registryCpu()),
                median(rounds, r -> r.direct().registryCpu()), median(rounds, r -> r.direct().serverCpu()));
        System.out.printf("  dockerd's CPU seconds from push to pull (median; other users of the engine count too): "
                + "through ecsd %.2f, docker-registry alone %.2f%n", median(rounds, r -> r.ecsd().engineCpu()),
                median(rounds, r -> r.direct().engineCpu()));
    }

    private static double ratio(List<Round> rounds, ToDoubleFunction<Round> ours, ToDoubleFunction<Round> theirs) {
        return median(rounds, ours) / median(rounds, theirs);
    }

    private static void row(String name, List<Round> rounds, ToDoubleFunction<Round> figure, double megabytes) {
        double median = median(rounds, figure);
        System.out.printf("  %-46s %8.2f %8.1f   %s%n", name, median, megabytes / median,
                rounds.stream().map(r -> String.format("%.2f", figure.applyAsDouble(r))).toList());
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return StartBenchmark.median(rounds.stream().map(figure::applyAsDouble).toList());
    }
}
