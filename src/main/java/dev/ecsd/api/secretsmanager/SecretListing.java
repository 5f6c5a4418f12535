package dev.ecsd.api.secretsmanager;

import dev.ecsd.api.Pages;
import dev.ecsd.model.secrets.Secret;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;

/**
 * ListSecrets, and the filters BatchGetSecretValue shares with it: each filter's values are prefixes (one starting
 * with {@code !} excludes), a secret must match every filter and one value of each.
 */
final class SecretListing {
    static final int MAX_LIST = 100;
    private static final Set<String> KEYS = Set.of("description", "name", "tag-key", "tag-value", "primary-region",
            "owning-service", "all");

    private final StateStore store;

    SecretListing(StateStore store) {
        this.store = store;
    }

    ListSecretsResponse listSecrets(ListSecretsRequest request) {
        String sortOrder = request.sortOrderAsString() == null ? "asc" : request.sortOrderAsString();
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw SecretRequests.validation("sortOrder", "Member must satisfy enum value set: [asc, desc]");
        }
        boolean planned = Boolean.TRUE.equals(request.includePlannedDeletion());
        List<Secret> secrets = matching(store.snapshot(), request.hasFilters() ? request.filters() : List.of(),
                planned);
        Comparator<String> order = sortOrder.equals("asc") ? Comparator.naturalOrder() : Comparator.reverseOrder();
        List<Secret> sorted = secrets.stream().sorted(Comparator.comparing(SecretListing::key, order)).toList();
        Pages.Page<Secret> page = SecretPages.page(sorted, SecretListing::key, order, request.maxResults(), MAX_LIST,
                request.nextToken());
        return ListSecretsResponse.builder().secretList(page.items().stream().map(SecretMapper::listEntry).toList())
                .nextToken(page.nextToken()).build();
    }

    private static String key(Secret secret) {
        return SecretPages.timeKey(secret.createdDate(), secret.arn());
    }

    /** The secrets every filter matches, oldest first; those scheduled for deletion only when asked for. */
    static List<Secret> matching(Snapshot state, List<Filter> filters, boolean includePlannedDeletion) {
        Predicate<Secret> test = secret -> includePlannedDeletion || !secret.scheduledForDeletion();
        for (Filter filter : filters) {
            test = test.and(matcher(filter));
        }
        return state.all(Kind.SECRET).filter(test)
                .sorted(Comparator.comparing(SecretListing::key)).toList();
    }

    private static Predicate<Secret> matcher(Filter filter) {
        String key = filter.keyAsString();
        if (key == null || !KEYS.contains(key)) {
            throw SecretRequests.validation("filters.1.member.key", "Member must satisfy enum value set: "
                    + "[all, name, tag-key, description, tag-value, primary-region, owning-service]");
        }
        List<String> values = filter.hasValues() ? filter.values() : List.of();
        if (values.isEmpty() || values.size() > 10) {
            throw SecretRequests.invalidParameter("Invalid filter values: give 1 to 10 values for the filter " + key
                    + ".");
        }
        return secret -> {
            boolean anyPositive = false;
            boolean matchedPositive = false;
            for (String value : values) {
                if (value.startsWith("!")) {
                    if (fieldMatches(secret, key, value.substring(1))) {
                        return false;
                    }
                } else {
                    anyPositive = true;
                    matchedPositive |= fieldMatches(secret, key, value);
                }
            }
            return !anyPositive || matchedPositive;
        };
    }

    private static boolean fieldMatches(Secret secret, String key, String prefix) {
        return switch (key) {
            case "name" -> secret.name().startsWith(prefix);
            case "description" -> secret.description() != null && secret.description().startsWith(prefix);
            case "tag-key" -> secret.tags().keySet().stream().anyMatch(k -> k.startsWith(prefix));
            case "tag-value" -> secret.tags().values().stream().anyMatch(v -> v.startsWith(prefix));
            case "all" -> fieldMatches(secret, "name", prefix) || fieldMatches(secret, "description", prefix)
                    || fieldMatches(secret, "tag-key", prefix) || fieldMatches(secret, "tag-value", prefix);
            default -> false; // ecsd has no replicas and no secrets managed by other services
        };
    }
}
