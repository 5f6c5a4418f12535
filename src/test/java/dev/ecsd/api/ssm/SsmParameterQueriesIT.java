package dev.ecsd.api.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.SharedServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DeleteParametersResponse;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterOptionException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterValueException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceTypeException;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionLabelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.TooManyTagsErrorException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * GetParametersByPath, DescribeParameters, GetParameterHistory, LabelParameterVersion, DeleteParameter(s) and the
 * tag operations through the Java SDK's SsmClient, with their filters, pagination and errors.
 */
class SsmParameterQueriesIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    private SsmClient ssm() {
        return server.ssm();
    }

    private void put(String name, ParameterType type, String value) {
        ssm().putParameter(r -> r.name(name).type(type).value(value));
    }

    private void seedTree() {
        put("/app/db/host", ParameterType.STRING, "db");
        put("/app/db/password", ParameterType.SECURE_STRING, "pw-secret");
        put("/app/db/replica/host", ParameterType.STRING, "replica");
        put("/app/name", ParameterType.STRING, "shop");
        put("/other/x", ParameterType.STRING, "x");
        put("top", ParameterType.STRING_LIST, "a,b");
    }

    @Test
    void getParametersByPathOneLevelOrRecursive() {
        seedTree();

        assertThat(ssm().getParametersByPath(r -> r.path("/app/db")).parameters()).extracting(Parameter::name)
                .containsExactly("/app/db/host", "/app/db/password");
        assertThat(ssm().getParametersByPath(r -> r.path("/app").recursive(true)).parameters())
                .extracting(Parameter::name)
                .containsExactly("/app/db/host", "/app/db/password", "/app/db/replica/host", "/app/name");
        assertThat(ssm().getParametersByPath(r -> r.path("/")).parameters()).extracting(Parameter::name)
                .containsExactly("top");
        assertThat(ssm().getParametersByPath(r -> r.path("/app/db/")).parameters()).hasSize(2);
    }

    @Test
    void getParametersByPathDecryptsOnlyWhenAsked() {
        seedTree();

        assertThat(ssm().getParametersByPath(r -> r.path("/app/db")).parameters())
                .extracting(Parameter::value).doesNotContain("pw-secret").contains("db");
        assertThat(ssm().getParametersByPath(r -> r.path("/app/db").withDecryption(true)).parameters())
                .extracting(Parameter::value).containsExactly("db", "pw-secret");
    }

    @Test
    void getParametersByPathFiltersByTypeKeyIdAndLabel() {
        seedTree();
        ssm().putParameter(r -> r.name("/app/name").value("shop-v2").overwrite(true));
        ssm().labelParameterVersion(r -> r.name("/app/name").parameterVersion(1L).labels("prod"));

        assertThat(ssm().getParametersByPath(r -> r.path("/app").recursive(true)
                .parameterFilters(f -> f.key("Type").values("SecureString"))).parameters())
                .extracting(Parameter::name).containsExactly("/app/db/password");
        assertThat(ssm().getParametersByPath(r -> r.path("/app").recursive(true)
                .parameterFilters(f -> f.key("KeyId").values("alias/aws/ssm"))).parameters())
                .extracting(Parameter::name).containsExactly("/app/db/password");
        assertThat(ssm().getParametersByPath(r -> r.path("/app").recursive(true)
                .parameterFilters(f -> f.key("Label").values("prod"))).parameters())
                .extracting(p -> p.name() + "=" + p.value() + "@" + p.version()).containsExactly("/app/name=shop@1");
        assertThatThrownBy(() -> ssm().getParametersByPath(r -> r.path("/app")
                .parameterFilters(f -> f.key("Name").values("x"))))
                .isInstanceOf(InvalidFilterKeyException.class)
                .hasMessageContaining("The following filter key is not valid: Name. Valid filter keys include: "
                        + "[Type, KeyId, Label].");
        assertThatThrownBy(() -> ssm().getParametersByPath(r -> r.path("app")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("The parameter name must begin with a forward slash");
    }

    @Test
    void getParametersByPathPagesByTenAtMost() {
        for (int i = 0; i < 23; i++) {
            put(String.format("/paged/p%02d", i), ParameterType.STRING, "v" + i);
        }

        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            GetParametersByPathResponse page = ssm().getParametersByPath(r -> r.path("/paged").maxResults(10)
                    .nextToken(next));
            page.parameters().forEach(p -> names.add(p.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(23).doesNotHaveDuplicates().isSorted();
        assertThat(ssm().getParametersByPathPaginator(r -> r.path("/paged").maxResults(4)).stream()
                .mapToLong(page -> page.parameters().size()).sum()).isEqualTo(23);
        assertThatThrownBy(() -> ssm().getParametersByPath(r -> r.path("/paged").maxResults(11)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must have value less than or equal to 10");
        assertThatThrownBy(() -> ssm().getParametersByPath(r -> r.path("/paged").nextToken("garbage")))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    void describeParametersFiltersAndNeverAnswersAValue() {
        seedTree();
        ssm().putParameter(r -> r.name("/adv").type(ParameterType.STRING).value("a").tier(ParameterTier.ADVANCED)
                .description("advanced one"));

        DescribeParametersResponse all = ssm().describeParameters(r -> r.maxResults(50));
        assertThat(all.parameters()).extracting(ParameterMetadata::name)
                .containsExactly("/adv", "/app/db/host", "/app/db/password", "/app/db/replica/host", "/app/name",
                        "/other/x", "top");
        assertThat(all.toString()).doesNotContain("pw-secret");
        ParameterMetadata password = all.parameters().get(2);
        assertThat(password.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(password.keyId()).isEqualTo("alias/aws/ssm");
        assertThat(password.arn()).isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password");
        assertThat(password.lastModifiedUser()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(password.version()).isEqualTo(1L);

        assertThat(names(ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Name").option("BeginsWith")
                .values("/app/db"))))).containsExactly("/app/db/host", "/app/db/password", "/app/db/replica/host");
        assertThat(names(ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Name").values("/app/name")))))
                .containsExactly("/app/name");
        assertThat(names(ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Path").option("Recursive")
                .values("/app/db"))))).containsExactly("/app/db/host", "/app/db/password", "/app/db/replica/host");
        assertThat(names(ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Path").values("/app/db")))))
                .containsExactly("/app/db/host", "/app/db/password");
        assertThat(names(ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Type").values("StringList")))))
                .containsExactly("top");
        assertThat(names(ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Tier").values("Advanced")))))
                .containsExactly("/adv");
        assertThat(names(ssm().describeParameters(r -> r.filters(f -> f.key("Name").values("/other")))))
                .containsExactly("/other/x");
    }

    @Test
    void describeParametersRefusesWhatSsmRefuses() {
        assertThatThrownBy(() -> ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Label").values("x"))))
                .isInstanceOf(InvalidFilterKeyException.class);
        assertThatThrownBy(() -> ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Path")
                .option("Deep").values("/a"))))
                .isInstanceOf(InvalidFilterOptionException.class)
                .hasMessageContaining("The following filter option is not valid: Deep. Valid options include: "
                        + "[Recursive, OneLevel].");
        assertThatThrownBy(() -> ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Type")
                .values("Secret"))))
                .isInstanceOf(InvalidFilterValueException.class);
        assertThatThrownBy(() -> ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Name").values("a"),
                f -> f.key("Name").values("b"))))
                .isInstanceOf(InvalidFilterKeyException.class)
                .hasMessageContaining("duplicated");
        assertThatThrownBy(() -> ssm().describeParameters(r -> r.filters(f -> f.key("Name").values("a"))
                .parameterFilters(f -> f.key("Name").values("b"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("You can use either Filters or ParameterFilters in a single request.");
    }

    @Test
    void describeParametersPages() {
        for (int i = 0; i < 12; i++) {
            put(String.format("/d/p%02d", i), ParameterType.STRING, "v");
        }

        DescribeParametersResponse first = ssm().describeParameters(r -> r.maxResults(5));
        assertThat(first.parameters()).hasSize(5);
        assertThat(first.nextToken()).isNotNull();
        assertThat(ssm().describeParametersPaginator(r -> r.maxResults(5)).stream()
                .flatMap(page -> page.parameters().stream()).map(ParameterMetadata::name).toList()).hasSize(12).doesNotHaveDuplicates();
        assertThatThrownBy(() -> ssm().describeParameters(r -> r.maxResults(51)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void historyKeepsEveryVersionWithItsLabelsAndDecryptsOnlyWhenAsked() {
        put("/h", ParameterType.SECURE_STRING, "s1");
        ssm().putParameter(r -> r.name("/h").value("s2").overwrite(true).description("second"));
        ssm().putParameter(r -> r.name("/h").value("s3").overwrite(true));
        ssm().labelParameterVersion(r -> r.name("/h").parameterVersion(2L).labels("blue"));

        List<ParameterHistory> plain = ssm().getParameterHistory(r -> r.name("/h")).parameters();
        assertThat(plain).extracting(ParameterHistory::version).containsExactly(1L, 2L, 3L);
        assertThat(plain).extracting(ParameterHistory::value).doesNotContain("s1", "s2", "s3");
        assertThat(plain.get(1).labels()).containsExactly("blue");
        assertThat(plain.get(1).description()).isEqualTo("second");
        assertThat(plain.get(0).keyId()).isEqualTo("alias/aws/ssm");
        assertThat(ssm().getParameterHistory(r -> r.name("/h").withDecryption(true)).parameters())
                .extracting(ParameterHistory::value).containsExactly("s1", "s2", "s3");

        GetParameterHistoryResponse page = ssm().getParameterHistory(r -> r.name("/h").maxResults(2));
        assertThat(page.parameters()).extracting(ParameterHistory::version).containsExactly(1L, 2L);
        assertThat(ssm().getParameterHistory(r -> r.name("/h").maxResults(2).nextToken(page.nextToken()))
                .parameters()).extracting(ParameterHistory::version).containsExactly(3L);
        assertThatThrownBy(() -> ssm().getParameterHistory(r -> r.name("/none")))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> ssm().getParameterHistory(r -> r.name("/h").maxResults(51)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void labelsMoveBetweenVersionsAndInvalidOnesAreReported() {
        put("/l", ParameterType.STRING, "1");
        ssm().putParameter(r -> r.name("/l").value("2").overwrite(true));

        LabelParameterVersionResponse first = ssm().labelParameterVersion(r -> r.name("/l").parameterVersion(1L)
                .labels("live", "aws-x", "1st", "bad label", "ok_2"));
        assertThat(first.parameterVersion()).isEqualTo(1L);
        assertThat(first.invalidLabels()).containsExactly("aws-x", "1st", "bad label");
        assertThat(ssm().getParameter(r -> r.name("/l:live")).parameter().value()).isEqualTo("1");

        LabelParameterVersionResponse moved = ssm().labelParameterVersion(r -> r.name("/l").labels("live"));
        assertThat(moved.parameterVersion()).isEqualTo(2L);
        assertThat(ssm().getParameter(r -> r.name("/l:live")).parameter().value()).isEqualTo("2");
        assertThat(ssm().getParameterHistory(r -> r.name("/l")).parameters())
                .extracting(h -> h.version() + ":" + h.labels())
                .containsExactly("1:[ok_2]", "2:[live]");

        assertThatThrownBy(() -> ssm().labelParameterVersion(r -> r.name("/l").parameterVersion(9L).labels("x")))
                .isInstanceOf(ParameterVersionNotFoundException.class);
        assertThatThrownBy(() -> ssm().labelParameterVersion(r -> r.name("/none").labels("x")))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> ssm().labelParameterVersion(r -> r.name("/l").labels("x".repeat(101))))
                .isInstanceOf(ValidationException.class);
        ssm().labelParameterVersion(r -> r.name("/l").parameterVersion(1L)
                .labels("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"));
        assertThatThrownBy(() -> ssm().labelParameterVersion(r -> r.name("/l").parameterVersion(1L).labels("a10")))
                .isInstanceOf(ParameterVersionLabelLimitExceededException.class)
                .hasMessageContaining("A parameter version can have maximum 10 labels.");
    }

    @Test
    void deleteParameterAndDeleteParameters() {
        seedTree();

        ssm().deleteParameter(r -> r.name("/app/name"));
        DeleteParametersResponse response = ssm().deleteParameters(r -> r.names("/app/db/host", "/missing", "top"));

        assertThat(response.deletedParameters()).containsExactly("/app/db/host", "top");
        assertThat(response.invalidParameters()).containsExactly("/missing");
        assertThatThrownBy(() -> ssm().getParameter(r -> r.name("/app/name")))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThat(names(ssm().describeParameters(r -> r.maxResults(50))))
                .containsExactly("/app/db/password", "/app/db/replica/host", "/other/x");
        put("/app/name", ParameterType.STRING, "again");
        assertThat(ssm().getParameter(r -> r.name("/app/name")).parameter().version()).isEqualTo(1L);
    }

    @Test
    void tagsOfParameters() {
        ssm().putParameter(r -> r.name("/tagged").type(ParameterType.STRING).value("v")
                .tags(Tag.builder().key("team").value("web").build()));

        ssm().addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/tagged")
                .tags(Tag.builder().key("env").value("prod").build()));
        assertThat(ssm().listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId("/tagged")).tagList()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("env=prod", "team=web");
        assertThat(names(ssm().describeParameters(r -> r.parameterFilters(f -> f.key("tag:env").values("prod")))))
                .containsExactly("/tagged");

        ssm().removeTagsFromResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/tagged")
                .tagKeys("team"));
        assertThat(ssm().listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId("/tagged")).tagList()).extracting(Tag::key).containsExactly("env");

        assertThatThrownBy(() -> ssm().listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId("/none")))
                .isInstanceOf(InvalidResourceIdException.class);
        assertThatThrownBy(() -> ssm().listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.DOCUMENT)
                .resourceId("doc")))
                .isInstanceOf(InvalidResourceTypeException.class);
        List<Tag> tooMany = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tooMany.add(Tag.builder().key("k" + i).value("v").build());
        }
        assertThatThrownBy(() -> ssm().addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId("/tagged").tags(tooMany)))
                .isInstanceOf(TooManyTagsErrorException.class);
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/tagged").value("w").overwrite(true)
                .tags(Tag.builder().key("a").value("b").build())))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("tags and overwrite can't be used together");
    }

    private static List<String> names(DescribeParametersResponse response) {
        return response.parameters().stream().map(ParameterMetadata::name).toList();
    }
}
