package dev.ecsd.api.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;

class RandomPasswordsTest {
    private final RandomPasswords passwords = new RandomPasswords(new SplittableRandom(7));

    @Test
    void everyIncludedTypeIsPresentEvenInTheShortestPassword() {
        for (int i = 0; i < 200; i++) {
            String password = passwords.getRandomPassword(GetRandomPasswordRequest.builder().passwordLength(4L)
                    .build()).randomPassword();

            assertThat(password).hasSize(4).containsPattern("[a-z]").containsPattern("[A-Z]").containsPattern("[0-9]")
                    .containsPattern("[^a-zA-Z0-9]");
        }
    }

    @Test
    void withoutRequireEachIncludedTypeOnlyTheCharactersAreRestricted() {
        String password = passwords.getRandomPassword(GetRandomPasswordRequest.builder().passwordLength(1L)
                .requireEachIncludedType(false).excludeCharacters(RandomPasswords.PUNCTUATION + "0123456789")
                .build()).randomPassword();

        assertThat(password).matches("[a-zA-Z]");
    }
}
