package dev.ecsd.model.elb;

import dev.ecsd.model.Lists;
import java.util.List;

/**
 * One condition of a rule. {@code field} is ALB's name ({@code host-header}, {@code path-pattern},
 * {@code http-header}, {@code http-request-method}, {@code query-string}, {@code source-ip}); {@code values} are
 * its patterns (wildcards {@code *} and {@code ?} where ALB allows them); {@code headerName} names the header of an
 * {@code http-header} condition; {@code queryPairs} are the key/value patterns of a {@code query-string} one.
 */
public record RuleCondition(String field, List<String> values, String headerName, List<QueryPair> queryPairs) {

    public RuleCondition {
        values = Lists.copy(Lists.orEmpty(values));
        queryPairs = Lists.copy(Lists.orEmpty(queryPairs));
    }

    /** A key/value pattern of a query-string condition; a null key matches any key. */
    public record QueryPair(String key, String value) {
    }
}
