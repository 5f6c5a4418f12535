package dev.ecsd.model;

/**
 * User input as an error message quotes it: whole when short, otherwise its first {@value #KEPT} characters and
 * its length, so a 4 MiB name cannot come back in a 4 MiB error yet the user still sees which input it was.
 */
public final class Quoted {
    public static final int KEPT = 100;

    private Quoted() {
    }

    public static String of(String input) {
        if (input == null || input.length() <= KEPT) {
            return input;
        }
        // Do not cut a surrogate pair in half: the message would not be valid UTF-16.
        int end = Character.isHighSurrogate(input.charAt(KEPT - 1)) ? KEPT - 1 : KEPT;
        return input.substring(0, end) + "…(" + input.length() + " characters)";
    }
}
