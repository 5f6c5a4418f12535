package dev.ecsd.api.secretsmanager;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordResponse;

/**
 * GetRandomPassword: characters drawn uniformly from the included classes (lower and upper case letters, digits,
 * punctuation, optionally the space) minus ExcludeCharacters, with at least one of each class when
 * RequireEachIncludedType (the default).
 */
final class RandomPasswords {
    static final long DEFAULT_LENGTH = 32;
    static final long MAX_LENGTH = 4096;
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final RandomGenerator random;

    RandomPasswords(RandomGenerator random) {
        this.random = random;
    }

    GetRandomPasswordResponse getRandomPassword(GetRandomPasswordRequest request) {
        long length = request.passwordLength() == null ? DEFAULT_LENGTH : request.passwordLength();
        if (length < 1 || length > MAX_LENGTH) {
            throw SecretRequests.validation("passwordLength", "Member must have value between 1 and " + MAX_LENGTH);
        }
        String excluded = request.excludeCharacters() == null ? "" : request.excludeCharacters();
        List<String> classes = new ArrayList<>();
        addClass(classes, LOWER, request.excludeLowercase(), excluded);
        addClass(classes, UPPER, request.excludeUppercase(), excluded);
        addClass(classes, DIGITS, request.excludeNumbers(), excluded);
        addClass(classes, PUNCTUATION, request.excludePunctuation(), excluded);
        if (Boolean.TRUE.equals(request.includeSpace())) {
            addClass(classes, " ", false, excluded);
        }
        if (classes.isEmpty()) {
            throw SecretRequests.invalidParameter("The password can't be generated: every character type is "
                    + "excluded.");
        }
        boolean eachType = request.requireEachIncludedType() == null || request.requireEachIncludedType();
        if (eachType && length < classes.size()) {
            throw SecretRequests.invalidParameter("The password length " + length + " is too short to include a "
                    + "character of each of the " + classes.size() + " included types.");
        }
        String all = String.join("", classes);
        char[] password = new char[(int) length];
        for (int i = 0; i < length; i++) {
            password[i] = all.charAt(random.nextInt(all.length()));
        }
        if (eachType) {
            // Put one character of each class at distinct random positions, so every class is present.
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                positions.add(i);
            }
            for (String characters : classes) {
                int position = positions.remove(random.nextInt(positions.size()));
                password[position] = characters.charAt(random.nextInt(characters.length()));
            }
        }
        return GetRandomPasswordResponse.builder().randomPassword(new String(password)).build();
    }

    private static void addClass(List<String> classes, String characters, Boolean excludedClass, String excluded) {
        if (Boolean.TRUE.equals(excludedClass)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (char c : characters.toCharArray()) {
            if (excluded.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        if (!kept.isEmpty()) {
            classes.add(kept.toString());
        }
    }
}
