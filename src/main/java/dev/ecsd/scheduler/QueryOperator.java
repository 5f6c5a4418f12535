package dev.ecsd.scheduler;

import java.util.List;

/** The comparison operators of the cluster query language, with the spellings ECS accepts for each. */
enum QueryOperator {
    EQUALS("==", "equals"),
    NOT_EQUALS("!=", "not_equals"),
    GREATER_THAN(">", "greater_than"),
    GREATER_THAN_EQUAL(">=", "greater_than_equal"),
    LESS_THAN("<", "less_than"),
    LESS_THAN_EQUAL("<=", "less_than_equal"),
    EXISTS("exists"),
    NOT_EXISTS("!exists", "not_exists"),
    IN("in"),
    NOT_IN("!in", "not_in"),
    MATCHES("=~", "matches"),
    NOT_MATCHES("!~", "not_matches");

    static final List<QueryOperator> ORDERING = List.of(EQUALS, NOT_EQUALS, GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN,
            LESS_THAN_EQUAL);
    static final List<QueryOperator> SET_AND_PATTERN = List.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES);

    private final List<String> spellings;

    QueryOperator(String... spellings) {
        this.spellings = List.of(spellings);
    }

    List<String> spellings() {
        return spellings;
    }

    String symbol() {
        return spellings.getFirst();
    }

    /** The negative operators hold exactly when their positive twin does not, also when the subject is absent. */
    boolean negative() {
        return this == NOT_EQUALS || this == NOT_EXISTS || this == NOT_IN || this == NOT_MATCHES;
    }

    QueryOperator positive() {
        return switch (this) {
            case NOT_EQUALS -> EQUALS;
            case NOT_EXISTS -> EXISTS;
            case NOT_IN -> IN;
            case NOT_MATCHES -> MATCHES;
            default -> this;
        };
    }

    boolean takesNoArgument() {
        return this == EXISTS || this == NOT_EXISTS;
    }

    boolean takesList() {
        return this == IN || this == NOT_IN;
    }
}
