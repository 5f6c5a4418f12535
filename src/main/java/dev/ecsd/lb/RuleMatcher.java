package dev.ecsd.lb;

import dev.ecsd.model.elb.RuleCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A rule's conditions made ready to match: each pattern and CIDR is parsed once, when the routing table is
 * built, not on every request. Every condition must match; within one condition any value may.
 */
final class RuleMatcher {
    public static final String HOST_HEADER = "host-header";
    public static final String PATH_PATTERN = "path-pattern";
    public static final String HTTP_HEADER = "http-header";
    public static final String HTTP_REQUEST_METHOD = "http-request-method";
    public static final String QUERY_STRING = "query-string";
    public static final String SOURCE_IP = "source-ip";

    private final List<Predicate<RequestView>> conditions;

    private RuleMatcher(List<Predicate<RequestView>> conditions) {
        this.conditions = conditions;
    }

    public static RuleMatcher of(List<RuleCondition> conditions) {
        List<Predicate<RequestView>> compiled = new ArrayList<>();
        for (RuleCondition condition : conditions) {
            compiled.add(compile(condition));
        }
        return new RuleMatcher(List.copyOf(compiled));
    }

    public boolean matches(RequestView request) {
        for (Predicate<RequestView> condition : conditions) {
            if (!condition.test(request)) {
                return false;
            }
        }
        return true;
    }

    /** A condition ecsd does not know, or one with nothing to match, never matches: a rule fails closed. */
    private static Predicate<RequestView> compile(RuleCondition condition) {
        String field = condition.field() == null ? "" : condition.field();
        return switch (field) {
            case HOST_HEADER -> {
                List<WildcardPattern> hosts = patterns(condition.values(), true);
                yield request -> anyMatches(hosts, request.host());
            }
            case PATH_PATTERN -> {
                List<WildcardPattern> paths = patterns(condition.values(), false);
                yield request -> anyMatches(paths, request.path());
            }
            case HTTP_HEADER -> {
                String name = condition.headerName();
                List<WildcardPattern> values = patterns(condition.values(), true);
                yield name == null ? request -> false
                        : request -> request.headerValues(name).stream().anyMatch(value -> anyMatches(values, value));
            }
            case HTTP_REQUEST_METHOD -> {
                List<String> methods = List.copyOf(condition.values());
                yield request -> methods.contains(request.method());
            }
            case QUERY_STRING -> queryString(condition.queryPairs());
            case SOURCE_IP -> {
                List<SourceAddressRange> ranges = condition.values().stream().map(SourceAddressRange::parse)
                        .flatMap(Optional::stream).toList();
                yield request -> ranges.stream().anyMatch(range -> range.contains(request.sourceAddress()));
            }
            default -> request -> false;
        };
    }

    /** Any one pair matching any one parameter is enough; a pair without a key matches a value under any key. */
    private static Predicate<RequestView> queryString(List<RuleCondition.QueryPair> pairs) {
        record CompiledPair(WildcardPattern key, WildcardPattern value) {
            boolean matches(QueryParameter parameter) {
                return (key == null || key.matches(parameter.key())) && value.matches(parameter.value());
            }
        }
        List<CompiledPair> compiled = pairs.stream()
                .map(pair -> new CompiledPair(pair.key() == null ? null : WildcardPattern.caseInsensitive(pair.key()),
                        WildcardPattern.caseInsensitive(pair.value() == null ? "" : pair.value())))
                .toList();
        return request -> {
            if (compiled.isEmpty()) {
                return false;
            }
            for (QueryParameter parameter : request.queryParameters()) {
                for (CompiledPair pair : compiled) {
                    if (pair.matches(parameter)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static List<WildcardPattern> patterns(List<String> values, boolean ignoreCase) {
        return values.stream()
                .map(value -> ignoreCase ? WildcardPattern.caseInsensitive(value) : WildcardPattern.caseSensitive(value))
                .toList();
    }

    private static boolean anyMatches(List<WildcardPattern> patterns, String text) {
        for (WildcardPattern pattern : patterns) {
            if (pattern.matches(text)) {
                return true;
            }
        }
        return false;
    }
}
