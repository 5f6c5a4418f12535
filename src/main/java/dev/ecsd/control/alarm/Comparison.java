package dev.ecsd.control.alarm;

/**
 * The ComparisonOperator of a static-threshold alarm, with the words CloudWatch uses for it in a StateReason. The
 * anomaly-band operators need anomaly detection, which ecsd does not have.
 */
public enum Comparison {
    GREATER_THAN_OR_EQUAL_TO_THRESHOLD("GreaterThanOrEqualToThreshold", "greater than or equal to"),
    GREATER_THAN_THRESHOLD("GreaterThanThreshold", "greater than"),
    LESS_THAN_THRESHOLD("LessThanThreshold", "less than"),
    LESS_THAN_OR_EQUAL_TO_THRESHOLD("LessThanOrEqualToThreshold", "less than or equal to");

    private final String operator;
    private final String words;

    Comparison(String operator, String words) {
        this.operator = operator;
        this.words = words;
    }

    /** The comparison an operator names; throws when it names none ecsd evaluates. */
    public static Comparison of(String operator) {
        for (Comparison comparison : values()) {
            if (comparison.operator.equals(operator)) {
                return comparison;
            }
        }
        throw new IllegalArgumentException("not a static-threshold comparison operator: " + operator);
    }

    public static boolean isStatic(String operator) {
        for (Comparison comparison : values()) {
            if (comparison.operator.equals(operator)) {
                return true;
            }
        }
        return false;
    }

    public String operator() {
        return operator;
    }

    /** "greater than", as in "were greater than the threshold (70.0)". */
    public String words() {
        return words;
    }

    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
        };
    }
}
