package dev.ecsd.api.ssm;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ssm.Parameter;
import dev.ecsd.model.ssm.ParameterVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/**
 * ParameterFilters as SSM applies them. DescribeParameters takes Name (Equals, BeginsWith, Contains), Path
 * (Recursive, OneLevel), Type, KeyId, Tier, DataType and tag:key; GetParametersByPath takes Type, KeyId and Label
 * (Equals), where a Label filter selects the labelled version.
 */
final class ParameterFilters {
    private static final List<String> DESCRIBE_KEYS = List.of("Path", "Name", "Type", "KeyId", "Tier", "DataType");
    private static final List<String> BY_PATH_KEYS = List.of("Type", "KeyId", "Label");
    private static final List<String> TYPES = List.of(ParameterVersion.STRING, ParameterVersion.STRING_LIST,
            ParameterVersion.SECURE_STRING);
    private static final List<String> TIERS = List.of(ParameterChecks.STANDARD, ParameterChecks.ADVANCED,
            ParameterChecks.INTELLIGENT_TIERING);

    private final List<ParameterStringFilter> filters;

    private ParameterFilters(List<ParameterStringFilter> filters) {
        this.filters = filters;
    }

    static ParameterFilters forDescribe(List<ParameterStringFilter> filters) {
        return checked(filters, false);
    }

    static ParameterFilters forPath(List<ParameterStringFilter> filters) {
        return checked(filters, true);
    }

    private static ParameterFilters checked(List<ParameterStringFilter> filters, boolean byPath) {
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (ParameterStringFilter filter : filters) {
            index++;
            String key = SsmRequests.required(filter.key(), "parameterFilters.member.key");
            boolean tag = key.startsWith("tag:") && key.length() > 4;
            List<String> allowed = byPath ? BY_PATH_KEYS : DESCRIBE_KEYS;
            if (!allowed.contains(key) && !(tag && !byPath)) {
                if (!tag && !List.of("Path", "Name", "Type", "KeyId", "Tier", "DataType", "Label").contains(key)) {
                    throw SsmRequests.constraint(key, "parameterFilters." + index + ".member.key",
                            "Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier");
                }
                throw new ApiException(ErrorType.INVALID_FILTER_KEY, "The following filter key is not valid: " + key
                        + ". Valid filter keys include: " + allowed + ".");
            }
            if (!seen.add(key)) {
                throw new ApiException(ErrorType.INVALID_FILTER_KEY, "The following filter is duplicated in the "
                        + "request: " + key + ". A request can contain only one occurrence of a specific filter.");
            }
            String option = option(filter);
            List<String> options = "Path".equals(key) ? List.of("Recursive", "OneLevel")
                    : "Name".equals(key) ? List.of("BeginsWith", "Equals", "Contains")
                    : "Label".equals(key) ? List.of("Equals") : List.of("BeginsWith", "Equals");
            if (!options.contains(option)) {
                throw new ApiException(ErrorType.INVALID_FILTER_OPTION, "The following filter option is not valid: "
                        + option + ". Valid options include: " + options + ".");
            }
            List<String> values = filter.hasValues() ? filter.values() : List.of();
            if (values.isEmpty() && !tag) {
                throw new ApiException(ErrorType.INVALID_FILTER_VALUE, "The following filter values are missing : "
                        + "null for filter key " + key + ".");
            }
            if ("Type".equals(key)) {
                checkValues(values, TYPES);
            } else if ("Tier".equals(key)) {
                checkValues(values, TIERS);
            } else if ("Path".equals(key)) {
                values.forEach(ParameterFilters::checkPath);
            }
        }
        return new ParameterFilters(filters);
    }

    private static void checkValues(List<String> values, List<String> valid) {
        for (String value : values) {
            if (!valid.contains(value)) {
                throw new ApiException(ErrorType.INVALID_FILTER_VALUE, "The following filter value is not valid: "
                        + value + ". Valid values include: " + valid + ".");
            }
        }
    }

    /** Checks a path as SSM requires it: from the root, in the characters of names, at most 15 levels deep. */
    static String checkPath(String path) {
        if (!path.startsWith("/") || path.contains("//") || !path.matches("[a-zA-Z0-9_.\\-/]+")) {
            throw SsmRequests.validation("The parameter doesn't meet the parameter name requirements. The parameter "
                    + "name must begin with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" "
                    + "(case-insensitive). It must use only letters, numbers, or the following symbols: . (period), "
                    + "- (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, "
                    + "must use the forward slash symbol \"/\". Valid example: /get/parameters2-/by1./path0_.");
        }
        if (path.chars().filter(c -> c == '/').count() > ParameterNames.MAX_LEVELS) {
            throw new ApiException(ErrorType.HIERARCHY_LEVEL_LIMIT_EXCEEDED, "A hierarchy can have a maximum of "
                    + ParameterNames.MAX_LEVELS + " levels.");
        }
        return path;
    }

    private static String option(ParameterStringFilter filter) {
        if (filter.option() != null) {
            return filter.option();
        }
        return "Path".equals(filter.key()) ? "OneLevel" : "Equals";
    }

    /** Whether a name lies under a path: directly, or anywhere below it when recursive. */
    static boolean under(String name, String path, boolean recursive) {
        String full = name.startsWith("/") ? name : "/" + name;
        String prefix = path.endsWith("/") ? path : path + "/";
        if (!full.startsWith(prefix) || full.length() == prefix.length()) {
            return false;
        }
        return recursive || full.indexOf('/', prefix.length()) < 0;
    }

    /**
     * The version of a parameter these filters select: its latest, or for a Label filter the version carrying one
     * of the labels; empty when the parameter does not pass.
     */
    Optional<ParameterVersion> select(Parameter parameter) {
        ParameterVersion version = parameter.latest();
        for (ParameterStringFilter filter : filters) {
            String key = filter.key();
            String option = option(filter);
            List<String> values = filter.hasValues() ? filter.values() : List.of();
            if ("Label".equals(key)) {
                Optional<ParameterVersion> labelled = parameter.versions().stream()
                        .filter(v -> v.labels().stream().anyMatch(values::contains)).findFirst();
                if (labelled.isEmpty()) {
                    return Optional.empty();
                }
                version = labelled.get();
                continue;
            }
            boolean passes = switch (key) {
                case "Path" -> values.stream().anyMatch(path -> under(parameter.name(), path,
                        "Recursive".equals(option)));
                case "Name" -> values.stream().anyMatch(value -> compare(option, parameter.name(), value)
                        || compare(option, Parameter.key(parameter.name()), Parameter.key(value)));
                case "Type" -> values.stream().anyMatch(value -> compare(option, parameter.latest().type(), value));
                case "KeyId" -> parameter.latest().keyId() != null
                        && values.stream().anyMatch(value -> compare(option, parameter.latest().keyId(), value));
                case "Tier" -> values.stream().anyMatch(value -> compare(option, parameter.latest().tier(), value));
                case "DataType" -> values.stream()
                        .anyMatch(value -> compare(option, parameter.latest().dataType(), value));
                default -> {
                    String tagValue = parameter.tags().get(key.substring(4));
                    yield tagValue != null && (values.isEmpty()
                            || values.stream().anyMatch(value -> compare(option, tagValue, value)));
                }
            };
            if (!passes) {
                return Optional.empty();
            }
        }
        return Optional.of(version);
    }

    private static boolean compare(String option, String actual, String value) {
        return switch (option) {
            case "BeginsWith" -> actual.startsWith(value);
            case "Contains" -> actual.contains(value);
            default -> actual.equals(value);
        };
    }
}
