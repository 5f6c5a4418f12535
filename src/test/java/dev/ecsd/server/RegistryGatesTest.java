package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.control.images.EcrTokens;
import dev.ecsd.control.images.ImageGate;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ManifestBody;
import dev.ecsd.registry.RegistryGate.Login;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryGatesTest {
    private static final String ACCOUNT = "000000000000";

    private final VirtualTimer timer = new VirtualTimer();
    private final EcrTokens tokens = new EcrTokens(ValueCipher.fromBase64(Base64.getEncoder()
            .encodeToString(new byte[32])));
    private final StateStore east = StateStore.open(new MemoryBackend(), timer);
    private final StateStore west = StateStore.open(new MemoryBackend(), timer);
    private final Map<String, ImageGate> started = Map.of(
            "us-east-1", new ImageGate(east, "us-east-1", ACCOUNT, tokens, timer),
            "us-west-2", new ImageGate(west, "us-west-2", ACCOUNT, tokens, timer));
    private final RegistryGates gates = new RegistryGates(region -> Optional.ofNullable(started.get(region)), tokens,
            ACCOUNT);

    @Test
    void aTokenLogsInToTheRegionItWasIssuedIn() {
        String west = password("us-west-2");

        assertThat(gates.login("AWS", west)).contains(new Login(ACCOUNT, "us-west-2"));
        assertThat(gates.login("AWS", password("eu-central-1"))).isEmpty();
        assertThat(gates.login("AWS", "garbage")).isEmpty();
    }

    @Test
    void repositoriesAndPushesGoToTheirRegionsGate() {
        repository(west, "us-west-2", "web");
        byte[] body = "{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8);

        gates.manifestPushed("us-west-2", "web", "v1", new ManifestBody("sha256:" + "1".repeat(64), null, body));

        assertThat(gates.repositoryExists("us-west-2", "web")).isTrue();
        assertThat(gates.repositoryExists("us-east-1", "web")).isFalse();
        assertThat(gates.repositoryExists("eu-central-1", "web")).isFalse();
        assertThat(west.snapshot().count(Kind.ECR_IMAGE)).isEqualTo(1);
        assertThat(east.snapshot().count(Kind.ECR_IMAGE)).isZero();
        assertThat(gates.refuseManifest("us-west-2", "web", "v2")).isEmpty();
        assertThat(gates.refuseManifest("eu-central-1", "web", "v2")).contains(
                "The repository with name 'web' does not exist in the registry with id '000000000000'");
    }

    private String password(String region) {
        return tokens.issue(new EcrTokens.Claims(ACCOUNT, region, "test", timer.instant().plusSeconds(60)));
    }

    private static void repository(StateStore store, String region, String name) {
        store.write(tx -> tx.put(Kind.ECR_REPOSITORY, new Repository(Repository.arn(region, ACCOUNT, name), name,
                ACCOUNT, tx.now(), Repository.MUTABLE, false, "AES256", null, Map.of(), null, null, null)));
    }
}
