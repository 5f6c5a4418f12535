package dev.ecsd.api.secretsmanager;

import dev.ecsd.model.secrets.Secret;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.Optional;

/**
 * Finds a secret as Secrets Manager's SecretId names it: by its full ARN, by its name, or by a partial ARN (the ARN
 * without the six-character suffix AWS appends to the name).
 */
final class SecretLookup {
    static final String ARN_SECRET = ":secret:";

    private SecretLookup() {
    }

    static Secret find(Snapshot state, String secretId) {
        return findIfAny(state, secretId).orElseThrow(SecretRequests::notFound);
    }

    static Optional<Secret> findIfAny(Snapshot state, String secretId) {
        if (secretId.startsWith("arn:")) {
            Optional<Secret> exact = state.find(Kind.SECRET, secretId);
            if (exact.isPresent()) {
                return exact;
            }
            int at = secretId.indexOf(ARN_SECRET);
            if (at < 0) {
                return Optional.empty();
            }
            String prefix = secretId.substring(0, at + ARN_SECRET.length());
            String name = secretId.substring(at + ARN_SECRET.length());
            return byName(state, name).filter(secret -> secret.arn().startsWith(prefix));
        }
        return byName(state, secretId);
    }

    static Optional<Secret> byName(Snapshot state, String name) {
        return state.all(Kind.SECRET).filter(secret -> secret.name().equals(name)).findFirst();
    }
}
