package dev.ecsd.api.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.SortOrderType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** Listing, batches, deletion and restore, tags and random passwords through the SDK, with their errors and pages. */
class SecretsManagerListIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    private final SecretsManagerClient secrets = server.secretsManager();

    @Test
    void listSecretsPagesThroughEverySecretInCreationOrder() {
        for (int i = 0; i < 7; i++) {
            String name = "app/s" + i;
            secrets.createSecret(r -> r.name(name).secretString("v"));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListSecretsResponse page = secrets.listSecrets(r -> r.maxResults(3).nextToken(next));
            page.secretList().forEach(entry -> names.add(entry.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("app/s0", "app/s1", "app/s2", "app/s3", "app/s4", "app/s5", "app/s6");
        assertThat(secrets.listSecretsPaginator(r -> r.maxResults(2).sortOrder(SortOrderType.DESC)).stream()
                .flatMap(page -> page.secretList().stream()).map(SecretListEntry::name).toList())
                .hasSize(7).first().isEqualTo("app/s6");
        assertThatThrownBy(() -> secrets.listSecrets(r -> r.nextToken("garbage")))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    void listSecretsFiltersByNameDescriptionTagsAndAll() {
        secrets.createSecret(r -> r.name("prod/db").description("database").tags(tag("env", "prod"))
                .secretString("v"));
        secrets.createSecret(r -> r.name("prod/api").description("api key").tags(tag("env", "staging"))
                .secretString("v"));
        secrets.createSecret(r -> r.name("dev/db").secretString("v"));

        assertThat(names(filter(FilterNameStringType.NAME, "prod/"))).containsExactly("prod/db", "prod/api");
        assertThat(names(filter(FilterNameStringType.DESCRIPTION, "data"))).containsExactly("prod/db");
        assertThat(names(filter(FilterNameStringType.TAG_KEY, "env"))).containsExactly("prod/db", "prod/api");
        assertThat(names(filter(FilterNameStringType.TAG_VALUE, "stag"))).containsExactly("prod/api");
        assertThat(names(filter(FilterNameStringType.ALL, "dev"))).containsExactly("dev/db");
        assertThat(names(filter(FilterNameStringType.NAME, "!prod"))).containsExactly("dev/db");
        assertThat(secrets.listSecrets(r -> r.filters(filter(FilterNameStringType.NAME, "prod/"),
                filter(FilterNameStringType.TAG_VALUE, "prod"))).secretList()).extracting(SecretListEntry::name)
                .containsExactly("prod/db");
    }

    @Test
    void deleteSchedulesRestoreCancelsForceDeletes() {
        secrets.createSecret(r -> r.name("doomed").secretString("v"));
        Instant before = Instant.now();

        DeleteSecretResponse deleted = secrets.deleteSecret(r -> r.secretId("doomed").recoveryWindowInDays(7L));

        assertThat(deleted.deletionDate()).isBetween(before.plus(Duration.ofDays(7)).minusSeconds(5),
                Instant.now().plus(Duration.ofDays(7)).plusSeconds(5));
        String marked = "You can't perform this operation on the secret because it was marked for deletion.";
        assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("doomed")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(marked);
        assertThatThrownBy(() -> secrets.putSecretValue(r -> r.secretId("doomed").secretString("w")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(marked);
        assertThatThrownBy(() -> secrets.updateSecret(r -> r.secretId("doomed").description("d")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(marked);
        assertThat(secrets.describeSecret(r -> r.secretId("doomed")).deletedDate()).isNotNull();
        assertThat(secrets.listSecrets(r -> { }).secretList()).isEmpty();
        assertThat(secrets.listSecrets(r -> r.includePlannedDeletion(true)).secretList()).hasSize(1);

        secrets.restoreSecret(r -> r.secretId("doomed"));
        assertThat(secrets.getSecretValue(r -> r.secretId("doomed")).secretString()).isEqualTo("v");
        assertThat(secrets.describeSecret(r -> r.secretId("doomed")).deletedDate()).isNull();

        secrets.deleteSecret(r -> r.secretId("doomed").forceDeleteWithoutRecovery(true));
        assertThatThrownBy(() -> secrets.describeSecret(r -> r.secretId("doomed")))
                .isInstanceOf(ResourceNotFoundException.class);
        secrets.createSecret(r -> r.name("doomed").secretString("again"));
    }

    @Test
    void deleteRefusesBadWindowsAndBothOptions() {
        secrets.createSecret(r -> r.name("kept").secretString("v"));

        assertThatThrownBy(() -> secrets.deleteSecret(r -> r.secretId("kept").recoveryWindowInDays(6L)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("RecoveryWindowInDays value must be between 7 and 30 days");
        assertThatThrownBy(() -> secrets.deleteSecret(r -> r.secretId("kept").recoveryWindowInDays(31L)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> secrets.deleteSecret(r -> r.secretId("kept").recoveryWindowInDays(10L)
                .forceDeleteWithoutRecovery(true)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays");
        Instant deletion = secrets.deleteSecret(r -> r.secretId("kept")).deletionDate();
        assertThat(deletion).isAfter(Instant.now().plus(Duration.ofDays(29)));
        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("kept").secretString("v")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("already scheduled for deletion");
    }

    @Test
    void batchGetAnswersValuesAndErrorsByIdsOrByFilters() {
        secrets.createSecret(r -> r.name("b/one").secretString("1"));
        secrets.createSecret(r -> r.name("b/two").secretString("2"));
        secrets.createSecret(r -> r.name("b/three").secretString("3"));
        secrets.createSecret(r -> r.name("b/gone").secretString("x"));
        secrets.deleteSecret(r -> r.secretId("b/gone"));

        BatchGetSecretValueResponse byIds = secrets.batchGetSecretValue(r -> r.secretIdList("b/one", "b/two",
                "missing", "b/gone"));
        assertThat(byIds.secretValues()).extracting(v -> v.name() + "=" + v.secretString())
                .containsExactly("b/one=1", "b/two=2");
        assertThat(byIds.errors()).extracting(e -> e.secretId() + ":" + e.errorCode())
                .containsExactly("missing:ResourceNotFoundException", "b/gone:InvalidRequestException");

        BatchGetSecretValueResponse first = secrets.batchGetSecretValue(r -> r.filters(
                filter(FilterNameStringType.NAME, "b/")).maxResults(2));
        assertThat(first.secretValues()).extracting(v -> v.secretString()).containsExactly("1", "2");
        BatchGetSecretValueResponse second = secrets.batchGetSecretValue(r -> r.filters(
                filter(FilterNameStringType.NAME, "b/")).maxResults(2).nextToken(first.nextToken()));
        assertThat(second.secretValues()).extracting(v -> v.secretString()).containsExactly("3");
        assertThat(second.nextToken()).isNull();

        assertThatThrownBy(() -> secrets.batchGetSecretValue(r -> r.secretIdList("b/one")
                .filters(filter(FilterNameStringType.NAME, "b/"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void listSecretVersionIdsPages() {
        secrets.createSecret(r -> r.name("many").secretString("0"));
        for (int i = 1; i < 5; i++) {
            String value = String.valueOf(i);
            secrets.putSecretValue(r -> r.secretId("many").secretString(value));
        }

        assertThat(secrets.listSecretVersionIds(r -> r.secretId("many")).versions()).hasSize(2);
        assertThat(secrets.listSecretVersionIdsPaginator(r -> r.secretId("many").includeDeprecated(true)
                .maxResults(2)).stream().flatMap(page -> page.versions().stream()).toList()).hasSize(5);
        assertThatThrownBy(() -> secrets.listSecretVersionIds(r -> r.secretId("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tagsAreAddedReplacedAndRemoved() {
        secrets.createSecret(r -> r.name("tagged").tags(tag("a", "1")).secretString("v"));

        secrets.tagResource(r -> r.secretId("tagged").tags(tag("a", "2"), tag("b", "3")));
        assertThat(secrets.describeSecret(r -> r.secretId("tagged")).tags())
                .containsExactly(tag("a", "2"), tag("b", "3"));
        secrets.untagResource(r -> r.secretId("tagged").tagKeys("a"));
        assertThat(secrets.describeSecret(r -> r.secretId("tagged")).tags()).containsExactly(tag("b", "3"));
        assertThatThrownBy(() -> secrets.tagResource(r -> r.secretId("tagged").tags(tag("aws:x", "y"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> secrets.tagResource(r -> r.secretId("nope").tags(tag("k", "v"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void randomPasswordsFollowTheirOptions() {
        assertThat(secrets.getRandomPassword(r -> { }).randomPassword()).hasSize(32);
        String digits = secrets.getRandomPassword(r -> r.passwordLength(50L).excludeLowercase(true)
                .excludeUppercase(true).excludePunctuation(true)).randomPassword();
        assertThat(digits).hasSize(50).matches("[0-9]+");
        String noVowels = secrets.getRandomPassword(r -> r.passwordLength(200L).excludeCharacters("aeiouAEIOU")
                .includeSpace(true)).randomPassword();
        assertThat(noVowels).doesNotContainPattern("[aeiouAEIOU]").containsPattern(" ").containsPattern("[0-9]")
                .containsPattern("[a-z]").containsPattern("[A-Z]").containsPattern("[!-/:-@\\[-`{-~]");
        assertThatThrownBy(() -> secrets.getRandomPassword(r -> r.excludeLowercase(true).excludeUppercase(true)
                .excludeNumbers(true).excludePunctuation(true)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> secrets.getRandomPassword(r -> r.passwordLength(3L)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> secrets.getRandomPassword(r -> r.passwordLength(5000L)))
                .isInstanceOfSatisfying(SecretsManagerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    private List<String> names(Filter filter) {
        return secrets.listSecrets(r -> r.filters(filter)).secretList().stream().map(SecretListEntry::name).toList();
    }

    private static Filter filter(FilterNameStringType key, String... values) {
        return Filter.builder().key(key).values(values).build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
