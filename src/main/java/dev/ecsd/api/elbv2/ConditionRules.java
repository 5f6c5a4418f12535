package dev.ecsd.api.elbv2;

import dev.ecsd.model.elb.RuleCondition;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpRequestMethodConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SourceIpConditionConfig;

/**
 * The conditions of a listener rule: read from either the legacy {@code Values} or the {@code *Config} form,
 * checked against ALB's limits (one of each field except http-header and query-string, five condition values per
 * rule, 128 characters a value), and answered in both forms as ELBv2 does.
 */
public final class ConditionRules {
    public static final String HOST_HEADER = "host-header";
    public static final String PATH_PATTERN = "path-pattern";
    public static final String HTTP_HEADER = "http-header";
    public static final String HTTP_REQUEST_METHOD = "http-request-method";
    public static final String QUERY_STRING = "query-string";
    public static final String SOURCE_IP = "source-ip";
    static final List<String> FIELDS =
            List.of(PATH_PATTERN, HOST_HEADER, HTTP_HEADER, HTTP_REQUEST_METHOD, QUERY_STRING, SOURCE_IP);
    private static final int MAX_VALUES_PER_RULE = 5;
    private static final int MAX_VALUE_LENGTH = 128;
    private static final Pattern METHOD = Pattern.compile("[A-Z_-]+");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.*?-]+(:[0-9*?]+)?");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&()!,;=*?%]+");

    private ConditionRules() {
    }

    /** The conditions of a CreateRule or ModifyRule request, checked. */
    public static List<RuleCondition> fromSdk(
            List<software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition> conditions) {
        if (conditions == null || conditions instanceof SdkAutoConstructList || conditions.isEmpty()) {
            throw ElbErrors.validation("A rule must have at least one condition");
        }
        List<RuleCondition> result = new ArrayList<>();
        Set<String> singles = new HashSet<>();
        int values = 0;
        for (var condition : conditions) {
            RuleCondition read = read(condition);
            if (!read.field().equals(HTTP_HEADER) && !read.field().equals(QUERY_STRING) && !singles.add(read.field())) {
                throw ElbErrors.validation("A rule can only have one '" + read.field() + "' condition");
            }
            values += read.field().equals(QUERY_STRING) ? read.queryPairs().size() : read.values().size();
            result.add(read);
        }
        if (values > MAX_VALUES_PER_RULE) {
            throw ElbErrors.validation("A rule can only have '" + MAX_VALUES_PER_RULE + "' condition values");
        }
        return result;
    }

    private static RuleCondition read(software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition c) {
        String field = c.field();
        if (field == null || !FIELDS.contains(field)) {
            throw ElbErrors.validation("Condition field '" + field + "' must be one of '[" + String.join(", ", FIELDS)
                    + "]'");
        }
        List<String> legacy = c.hasValues() ? c.values() : null;
        if (c.hasRegexValues()) {
            throw ElbErrors.validation("ecsd does not support regular expression conditions; use 'Values'");
        }
        if (legacy != null && !field.equals(HOST_HEADER) && !field.equals(PATH_PATTERN)) {
            throw ElbErrors.validation("The 'Values' field is not compatible with '" + field + "'");
        }
        return switch (field) {
            case HOST_HEADER -> {
                HostHeaderConditionConfig config = c.hostHeaderConfig();
                List<String> values = legacyOrConfig(field, "HostHeaderConfig", legacy,
                        config == null ? null : config.hasRegexValues() ? regex() : config.values());
                values.forEach(value -> checkValue(field, value, HOST));
                yield new RuleCondition(field, values, null, List.of());
            }
            case PATH_PATTERN -> {
                PathPatternConditionConfig config = c.pathPatternConfig();
                List<String> values = legacyOrConfig(field, "PathPatternConfig", legacy,
                        config == null ? null : config.hasRegexValues() ? regex() : config.values());
                values.forEach(value -> checkValue(field, value, PATH));
                yield new RuleCondition(field, values, null, List.of());
            }
            case HTTP_HEADER -> httpHeader(c.httpHeaderConfig());
            case HTTP_REQUEST_METHOD -> {
                HttpRequestMethodConditionConfig config = required(c.httpRequestMethodConfig(), field,
                        "HttpRequestMethodConfig");
                List<String> values = nonEmpty(field, config.values());
                for (String value : values) {
                    ElbErrors.maxLength("httpRequestMethodConfig.values", value, 40);
                    if (!METHOD.matcher(value).matches()) {
                        throw ElbErrors.validation("The 'http-request-method' value '" + value
                                + "' is invalid; the allowed characters are A-Z, hyphen and underscore");
                    }
                }
                yield new RuleCondition(field, values, null, List.of());
            }
            case QUERY_STRING -> queryString(c.queryStringConfig());
            default -> sourceIp(c.sourceIpConfig());
        };
    }

    private static List<String> regex() {
        throw ElbErrors.validation("ecsd does not support regular expression conditions; use 'Values'");
    }

    private static List<String> legacyOrConfig(String field, String configName, List<String> legacy,
            List<String> configured) {
        boolean hasConfig = configured != null && !(configured instanceof SdkAutoConstructList);
        if (legacy != null && hasConfig) {
            throw ElbErrors.validation("You cannot provide both Values and '" + configName
                    + "' for a condition of type '" + field + "'");
        }
        if (legacy != null && legacy.size() > 1) {
            throw ElbErrors.validation("The '" + field + "' field contains too many values; the limit is '1'");
        }
        return nonEmpty(field, legacy != null ? legacy : hasConfig ? configured : null);
    }

    private static RuleCondition httpHeader(HttpHeaderConditionConfig config) {
        required(config, HTTP_HEADER, "HttpHeaderConfig");
        if (config.hasRegexValues()) {
            regex();
        }
        String name = config.httpHeaderName();
        if (name == null || name.isEmpty()) {
            throw ElbErrors.validation("A 'HttpHeaderName' must be specified with 'http-header'");
        }
        ElbErrors.maxLength("httpHeaderConfig.httpHeaderName", name, 40);
        if (!HEADER_NAME.matcher(name).matches()) {
            throw ElbErrors.validation("The 'HttpHeaderName' value '" + name + "' is not a valid header name");
        }
        List<String> values = nonEmpty(HTTP_HEADER, config.values());
        values.forEach(value -> checkValue(HTTP_HEADER, value, null));
        return new RuleCondition(HTTP_HEADER, values, name, List.of());
    }

    private static RuleCondition queryString(QueryStringConditionConfig config) {
        required(config, QUERY_STRING, "QueryStringConfig");
        if (!config.hasValues() || config.values().isEmpty()) {
            throw ElbErrors.validation("A condition value must be specified");
        }
        List<RuleCondition.QueryPair> pairs = new ArrayList<>();
        for (QueryStringKeyValuePair pair : config.values()) {
            if (pair.value() == null || pair.value().isEmpty()) {
                throw ElbErrors.validation("A 'Value' must be specified in 'QueryStringKeyValuePair'");
            }
            if (pair.key() != null) {
                checkValue(QUERY_STRING, pair.key(), null);
            }
            checkValue(QUERY_STRING, pair.value(), null);
            pairs.add(new RuleCondition.QueryPair(pair.key(), pair.value()));
        }
        return new RuleCondition(QUERY_STRING, List.of(), null, pairs);
    }

    private static RuleCondition sourceIp(SourceIpConditionConfig config) {
        required(config, SOURCE_IP, "SourceIpConfig");
        List<String> values = nonEmpty(SOURCE_IP, config.values());
        for (String value : values) {
            checkCidr(value);
        }
        return new RuleCondition(SOURCE_IP, values, null, List.of());
    }

    /** An IPv4 or IPv6 address block in CIDR notation, such as 192.0.2.0/24. */
    static void checkCidr(String value) {
        int slash = value.indexOf('/');
        String invalid = "The 'source-ip' value '" + value + "' is not a valid CIDR block";
        if (slash < 0) {
            throw ElbErrors.validation(invalid);
        }
        String address = value.substring(0, slash);
        if (!IpAddresses.isIpAddress(address)) {
            throw ElbErrors.validation(invalid);
        }
        try {
            int bits = Integer.parseInt(value.substring(slash + 1));
            int max = InetAddress.getByName(address).getAddress().length * 8;
            if (bits < 0 || bits > max) {
                throw ElbErrors.validation(invalid);
            }
        } catch (NumberFormatException | UnknownHostException e) {
            throw ElbErrors.validation(invalid);
        }
    }

    private static <T> T required(T config, String field, String configName) {
        if (config == null) {
            throw ElbErrors.validation("A '" + configName + "' must be specified with '" + field + "'");
        }
        return config;
    }

    private static List<String> nonEmpty(String field, List<String> values) {
        if (values == null || values instanceof SdkAutoConstructList || values.isEmpty()) {
            throw ElbErrors.validation("A condition value must be specified");
        }
        for (String value : values) {
            if (value == null || value.isEmpty()) {
                throw ElbErrors.validation("A '" + field + "' condition value cannot be empty");
            }
        }
        return List.copyOf(values);
    }

    private static void checkValue(String field, String value, Pattern allowed) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw ElbErrors.validation("The '" + field + "' value is too long; the limit is '" + MAX_VALUE_LENGTH + "'");
        }
        if (allowed != null && !allowed.matcher(value).matches()) {
            throw ElbErrors.validation("The '" + field + "' value '" + value + "' contains characters that are not "
                    + "allowed");
        }
    }

    /** A stored condition as ELBv2 answers it: the {@code *Config} form, and {@code Values} where it has one. */
    public static software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition toSdk(RuleCondition c) {
        var builder = software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition.builder()
                .field(c.field());
        switch (c.field()) {
            case HOST_HEADER -> builder.values(c.values())
                    .hostHeaderConfig(HostHeaderConditionConfig.builder().values(c.values()).build());
            case PATH_PATTERN -> builder.values(c.values())
                    .pathPatternConfig(PathPatternConditionConfig.builder().values(c.values()).build());
            case HTTP_HEADER -> builder.httpHeaderConfig(HttpHeaderConditionConfig.builder()
                    .httpHeaderName(c.headerName()).values(c.values()).build());
            case HTTP_REQUEST_METHOD -> builder.httpRequestMethodConfig(
                    HttpRequestMethodConditionConfig.builder().values(c.values()).build());
            case QUERY_STRING -> builder.queryStringConfig(QueryStringConditionConfig.builder()
                    .values(c.queryPairs().stream().map(pair -> QueryStringKeyValuePair.builder()
                            .key(pair.key()).value(pair.value()).build()).toList())
                    .build());
            default -> builder.sourceIpConfig(SourceIpConditionConfig.builder().values(c.values()).build());
        }
        return builder.build();
    }
}
