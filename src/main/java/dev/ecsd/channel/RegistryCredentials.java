package dev.ecsd.channel;

import java.util.Objects;

/**
 * The user name and password a container's image is pulled with, from the Secrets Manager secret its
 * {@code repositoryCredentials} names. Its {@code toString} never shows the password.
 */
public record RegistryCredentials(String username, String password) {
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + "]";
    }
}
