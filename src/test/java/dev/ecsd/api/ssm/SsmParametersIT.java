package dev.ecsd.api.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.SharedServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.HierarchyLevelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.InvalidAllowedPatternException;
import software.amazon.awssdk.services.ssm.model.InvalidKeyIdException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterMaxVersionLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** PutParameter, GetParameter and GetParameters through the Java SDK's SsmClient: versions, selectors, decryption. */
class SsmParametersIT {
    private static final String ARN_PREFIX = "arn:aws:ssm:us-east-1:000000000000:parameter/";

    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    private SsmClient ssm() {
        return server.ssm();
    }

    private PutParameterResponse put(String name, ParameterType type, String value) {
        return ssm().putParameter(r -> r.name(name).type(type).value(value));
    }

    @Test
    void aStringParameterIsAnsweredWithItsArnVersionAndDataType() {
        PutParameterResponse put = ssm().putParameter(r -> r.name("/prod/db/host").type(ParameterType.STRING)
                .value("db.internal").description("the database host"));

        Parameter parameter = ssm().getParameter(r -> r.name("/prod/db/host")).parameter();

        assertThat(put.version()).isEqualTo(1L);
        assertThat(put.tier()).isEqualTo(ParameterTier.STANDARD);
        assertThat(parameter.name()).isEqualTo("/prod/db/host");
        assertThat(parameter.value()).isEqualTo("db.internal");
        assertThat(parameter.type()).isEqualTo(ParameterType.STRING);
        assertThat(parameter.version()).isEqualTo(1L);
        assertThat(parameter.arn()).isEqualTo(ARN_PREFIX + "prod/db/host");
        assertThat(parameter.dataType()).isEqualTo("text");
        assertThat(parameter.lastModifiedDate()).isNotNull();
        assertThat(parameter.selector()).isNull();
    }

    @Test
    void aSecureStringIsAnsweredInPlaintextOnlyWithDecryption() {
        put("/prod/api-key", ParameterType.SECURE_STRING, "abc123");

        Parameter encrypted = ssm().getParameter(r -> r.name("/prod/api-key")).parameter();
        Parameter decrypted = ssm().getParameter(r -> r.name("/prod/api-key").withDecryption(true)).parameter();

        assertThat(encrypted.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(encrypted.value()).isNotEqualTo("abc123").doesNotContain("abc123").isBase64();
        assertThat(decrypted.value()).isEqualTo("abc123");
        assertThat(ssm().getParameter(r -> r.name("/prod/api-key").withDecryption(false)).parameter().value())
                .isEqualTo(encrypted.value());
    }

    @Test
    void withDecryptionIsIgnoredForStringAndStringList() {
        put("/app/hosts", ParameterType.STRING_LIST, "a.example,b.example");

        assertThat(ssm().getParameter(r -> r.name("/app/hosts").withDecryption(true)).parameter().value())
                .isEqualTo("a.example,b.example");
        assertThat(ssm().getParameter(r -> r.name("/app/hosts")).parameter().value())
                .isEqualTo("a.example,b.example");
    }

    @Test
    void overwriteMakesANewVersionAndSelectorsReachEveryVersion() {
        put("/app/color", ParameterType.STRING, "red");
        assertThatThrownBy(() -> put("/app/color", ParameterType.STRING, "green"))
                .isInstanceOf(ParameterAlreadyExistsException.class)
                .hasMessageContaining("The parameter already exists. To overwrite this value, set the overwrite "
                        + "option in the request to true.");

        PutParameterResponse second = ssm().putParameter(r -> r.name("/app/color").value("green").overwrite(true));
        ssm().labelParameterVersion(r -> r.name("/app/color").parameterVersion(1L).labels("stable"));

        assertThat(second.version()).isEqualTo(2L);
        assertThat(ssm().getParameter(r -> r.name("/app/color")).parameter().value()).isEqualTo("green");
        Parameter first = ssm().getParameter(r -> r.name("/app/color:1")).parameter();
        assertThat(first.value()).isEqualTo("red");
        assertThat(first.name()).isEqualTo("/app/color");
        assertThat(first.selector()).isEqualTo(":1");
        assertThat(first.type()).isEqualTo(ParameterType.STRING);
        Parameter stable = ssm().getParameter(r -> r.name("/app/color:stable")).parameter();
        assertThat(stable.value()).isEqualTo("red");
        assertThat(stable.selector()).isEqualTo(":stable");
        assertThat(ssm().getParameter(r -> r.name(ARN_PREFIX + "app/color:2")).parameter().value())
                .isEqualTo("green");
        assertThatThrownBy(() -> ssm().getParameter(r -> r.name("/app/color:7")))
                .isInstanceOf(ParameterVersionNotFoundException.class)
                .hasMessageContaining("Systems Manager could not find version 7 of /app/color.");
        assertThatThrownBy(() -> ssm().getParameter(r -> r.name("/app/color:canary")))
                .isInstanceOf(ParameterVersionNotFoundException.class);
    }

    @Test
    void aSecureStringVersionSelectedByLabelDecryptsToItsOwnValue() {
        put("/prod/token", ParameterType.SECURE_STRING, "first-secret");
        ssm().putParameter(r -> r.name("/prod/token").value("second-secret").overwrite(true));
        ssm().labelParameterVersion(r -> r.name("/prod/token").parameterVersion(1L).labels("previous"));

        assertThat(ssm().getParameter(r -> r.name("/prod/token:previous").withDecryption(true)).parameter().value())
                .isEqualTo("first-secret");
        assertThat(ssm().getParameter(r -> r.name("/prod/token").withDecryption(true)).parameter().value())
                .isEqualTo("second-secret");
    }

    @Test
    void aTopLevelNameIsTheSameParameterWithOrWithoutItsSlash() {
        put("top", ParameterType.STRING, "1");

        assertThat(ssm().getParameter(r -> r.name("/top")).parameter().value()).isEqualTo("1");
        assertThatThrownBy(() -> put("/top", ParameterType.STRING, "2"))
                .isInstanceOf(ParameterAlreadyExistsException.class);
        assertThat(ssm().getParameter(r -> r.name("top")).parameter().arn()).isEqualTo(ARN_PREFIX + "top");
    }

    @Test
    void getParametersAnswersTheFoundAndListsTheRest() {
        put("/a", ParameterType.STRING, "1");
        put("/b", ParameterType.SECURE_STRING, "two");

        GetParametersResponse response = ssm().getParameters(r -> r.names("/a", "/b", "/missing", "/a:9")
                .withDecryption(true));

        assertThat(response.parameters()).extracting(Parameter::name, Parameter::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/a", "1"),
                        org.assertj.core.groups.Tuple.tuple("/b", "two"));
        assertThat(response.invalidParameters()).containsExactly("/missing", "/a:9");
        assertThatThrownBy(() -> ssm().getParameters(r -> r.names(List.of("1", "2", "3", "4", "5", "6", "7", "8",
                "9", "10", "11"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must have length less than or equal to 10");
    }

    @Test
    void aMissingParameterIsParameterNotFound() {
        assertThatThrownBy(() -> ssm().getParameter(r -> r.name("/nothing/here")))
                .isInstanceOf(ParameterNotFoundException.class)
                .hasMessageContaining("Parameter /nothing/here not found.");
        assertThatThrownBy(() -> ssm().deleteParameter(r -> r.name("/nothing/here")))
                .isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void namesAreCheckedAsSsmChecksThem() {
        assertThatThrownBy(() -> put("awsKey", ParameterType.STRING, "x"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
        assertThatThrownBy(() -> put("/SSM/key", ParameterType.STRING, "x"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("can't be prefixed with \"ssm\"");
        assertThatThrownBy(() -> put("/aws/service/key", ParameterType.STRING, "x"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("No access to reserved parameter name: /aws/service/key.");
        assertThatThrownBy(() -> put("/has space/x", ParameterType.STRING, "x"))
                .isInstanceOf(ValidationException.class);
        String sixteenLevels = "/l1/l2/l3/l4/l5/l6/l7/l8/l9/l10/l11/l12/l13/l14/l15/l16";
        assertThatThrownBy(() -> put(sixteenLevels, ParameterType.STRING, "x"))
                .isInstanceOf(HierarchyLevelLimitExceededException.class)
                .hasMessageContaining("A hierarchy can have a maximum of 15 levels.");
        assertThat(put(sixteenLevels.substring(0, sixteenLevels.lastIndexOf('/')), ParameterType.STRING, "x")
                .version()).isEqualTo(1L);
    }

    @Test
    void typeValueAndDataTypeAreRequiredAndChecked() {
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/t").value("x")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("A parameter type is required when you create a parameter.");
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/t").type("Secret").value("x")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must satisfy enum value set: [SecureString, StringList, String]");
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/t").type(ParameterType.STRING).value("")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/t").type(ParameterType.STRING).value("x")
                .dataType("Text")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("The following data type is not supported: Text");
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/t").type(ParameterType.STRING).value("ami-1")
                .dataType("aws:ec2:image")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("aws:ec2:image");
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/t").type(ParameterType.STRING).value("x")
                .policies("[{\"Type\":\"Expiration\",\"Version\":\"1.0\"}]")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("policies");
    }

    @Test
    void allowedPatternIsCheckedOnEveryVersion() {
        ssm().putParameter(r -> r.name("/port").type(ParameterType.STRING).value("8080").allowedPattern("^\\d+$"));

        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/port").value("http").overwrite(true)))
                .isInstanceOf(ParameterPatternMismatchException.class)
                .hasMessageContaining("Parameter value, cannot be validated against allowedPattern: ^\\d+$");
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/other").type(ParameterType.STRING).value("x")
                .allowedPattern("([a-z")))
                .isInstanceOf(InvalidAllowedPatternException.class);
        assertThat(ssm().putParameter(r -> r.name("/port").value("9090").overwrite(true)).version()).isEqualTo(2L);
    }

    @Test
    void secureStringsCarryAKeyIdAndTheDefaultOneWithout() {
        put("/k/default", ParameterType.SECURE_STRING, "v");
        ssm().putParameter(r -> r.name("/k/custom").type(ParameterType.SECURE_STRING).value("v")
                .keyId("alias/my-key"));

        assertThat(ssm().describeParameters(r -> r.parameterFilters(f -> f.key("Path").values("/k"))).parameters())
                .extracting(p -> p.name() + "=" + p.keyId())
                .containsExactly("/k/custom=alias/my-key", "/k/default=alias/aws/ssm");
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/k/bad").type(ParameterType.SECURE_STRING)
                .value("v").keyId("not a key")))
                .isInstanceOf(InvalidKeyIdException.class);
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/k/plain").type(ParameterType.STRING)
                .value("v").keyId("alias/my-key")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("KeyId");
    }

    @Test
    void tiersLimitTheValueSizeAndNeverGoDown() {
        String big = "x".repeat(5000);
        assertThatThrownBy(() -> put("/big", ParameterType.STRING, big))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Standard tier parameters support a maximum parameter value of 4096 characters")
                .hasMessageNotContaining(big);
        assertThat(ssm().putParameter(r -> r.name("/big").type(ParameterType.STRING).value(big)
                .tier(ParameterTier.ADVANCED)).tier()).isEqualTo(ParameterTier.ADVANCED);
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/big2").type(ParameterType.STRING)
                .value("x".repeat(8193)).tier(ParameterTier.ADVANCED)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must have length less than or equal to 8192");
        assertThat(ssm().putParameter(r -> r.name("/smart").type(ParameterType.STRING).value(big)
                .tier(ParameterTier.INTELLIGENT_TIERING)).tier()).isEqualTo(ParameterTier.ADVANCED);
        assertThat(ssm().putParameter(r -> r.name("/small").type(ParameterType.STRING).value("s")
                .tier(ParameterTier.INTELLIGENT_TIERING)).tier()).isEqualTo(ParameterTier.STANDARD);
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/big").value("small").overwrite(true)
                .tier(ParameterTier.STANDARD)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("You can't downgrade a parameter from the advanced-parameter tier");
        assertThat(ssm().putParameter(r -> r.name("/big").value("small").overwrite(true)).tier())
                .isEqualTo(ParameterTier.ADVANCED);
    }

    @Test
    void theOldestOfAHundredVersionsIsDroppedUnlessItIsLabelled() {
        put("/many", ParameterType.STRING, "v1");
        for (int i = 2; i <= 100; i++) {
            String value = "v" + i;
            ssm().putParameter(r -> r.name("/many").value(value).overwrite(true));
        }
        ssm().labelParameterVersion(r -> r.name("/many").parameterVersion(1L).labels("first"));
        assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/many").value("v101").overwrite(true)))
                .isInstanceOf(ParameterMaxVersionLimitExceededException.class)
                .hasMessageContaining("Version 1, the oldest version, can't be deleted");

        ssm().labelParameterVersion(r -> r.name("/many").parameterVersion(2L).labels("first"));
        assertThat(ssm().putParameter(r -> r.name("/many").value("v101").overwrite(true)).version()).isEqualTo(101L);

        assertThatThrownBy(() -> ssm().getParameter(r -> r.name("/many:1")))
                .isInstanceOf(ParameterVersionNotFoundException.class);
        assertThat(ssm().getParameter(r -> r.name("/many:first")).parameter().value()).isEqualTo("v2");
        assertThat(ssm().getParameterHistoryPaginator(r -> r.name("/many")).stream()
                .mapToLong(page -> page.parameters().size()).sum())
                .isEqualTo(100);
    }
}
