package dev.ecsd.scheduler;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Recursive descent over ECS's cluster query language. Grammar, loosest binding first:
 * <pre>
 * or         = and { ("or" | "||") and }
 * and        = unary { ("and" | "&&") unary }
 * unary      = ("not" | "!") unary | "(" or ")" | comparison
 * comparison = subject operator [ value | "[" value { "," value } "]" ]
 * value      = 'quoted' | "quoted" | a run of characters up to blank, parenthesis, bracket or comma
 * </pre>
 * Keywords and operator words are case-insensitive; subjects and values are not.
 */
final class QueryParser {
    static final int MAX_LENGTH = 2000;

    private final String text;
    private int position;

    private QueryParser(String text) {
        this.text = text;
    }

    static QueryNode parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ClusterQueryException(String.valueOf(expression), -1, "the expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ClusterQueryException(expression.substring(0, 40) + "...", -1,
                    "the expression is " + expression.length() + " characters long; the maximum is " + MAX_LENGTH);
        }
        QueryParser parser = new QueryParser(expression);
        QueryNode node = parser.or();
        parser.skipBlanks();
        if (!parser.atEnd()) {
            throw parser.error(parser.peek() == ')' ? "unbalanced ')'"
                    : "expected 'and', 'or' or the end of the expression, found '" + parser.rest() + "'");
        }
        return node;
    }

    private QueryNode or() {
        QueryNode left = and();
        while (acceptKeyword("or") || accept("||")) {
            left = new QueryNode.Or(left, and());
        }
        return left;
    }

    private QueryNode and() {
        QueryNode left = unary();
        while (acceptKeyword("and") || accept("&&")) {
            left = new QueryNode.And(left, unary());
        }
        return left;
    }

    private QueryNode unary() {
        skipBlanks();
        if (acceptKeyword("not") || accept("!")) {
            return new QueryNode.Not(unary());
        }
        if (accept("(")) {
            int open = position - 1;
            QueryNode inner = or();
            skipBlanks();
            if (!accept(")")) {
                throw new ClusterQueryException(text, open, "the '(' here is never closed");
            }
            return inner;
        }
        return comparison();
    }

    private QueryNode comparison() {
        skipBlanks();
        int start = position;
        if (atEnd()) {
            throw error("expected an expression such as 'attribute:ecs.instance-type == t2.small', found the end");
        }
        while (!atEnd() && isSubjectCharacter(peek())) {
            position++;
        }
        String word = text.substring(start, position);
        if (word.isEmpty()) {
            throw error("expected a subject (" + QuerySubject.VALID_SUBJECTS + "), found '" + rest() + "'");
        }
        QuerySubject subject = QuerySubject.named(word);
        if (subject == null) {
            throw new ClusterQueryException(text, start, "unknown subject '" + word + "'; valid subjects are "
                    + QuerySubject.VALID_SUBJECTS);
        }
        int operatorAt = skipBlanks();
        QueryOperator operator = operator();
        if (operator == null) {
            throw new ClusterQueryException(text, operatorAt, "expected an operator after '" + word + "', found "
                    + (atEnd() ? "the end" : "'" + rest() + "'"));
        }
        if (!subject.kind().operators().contains(operator)) {
            throw new ClusterQueryException(text, operatorAt, "the operator '" + operator.symbol()
                    + "' cannot be used with " + word + "; valid operators: " + subject.kind().operators().stream()
                            .map(QueryOperator::symbol).collect(Collectors.joining(", ")));
        }
        List<String> arguments = arguments(operator);
        return comparison(subject, operator, arguments, operatorAt);
    }

    private List<String> arguments(QueryOperator operator) {
        if (operator.takesNoArgument()) {
            return List.of();
        }
        skipBlanks();
        if (!operator.takesList()) {
            return List.of(value(operator));
        }
        if (!accept("[")) {
            throw error("the operator '" + operator.symbol() + "' expects a list such as [a, b], found "
                    + (atEnd() ? "the end" : "'" + rest() + "'"));
        }
        List<String> values = new ArrayList<>();
        do {
            skipBlanks();
            values.add(value(operator));
            skipBlanks();
        } while (accept(","));
        if (!accept("]")) {
            throw error("expected ',' or ']' in the list, found " + (atEnd() ? "the end" : "'" + rest() + "'"));
        }
        return List.copyOf(values);
    }

    private String value(QueryOperator operator) {
        if (atEnd()) {
            throw error("expected a value after '" + operator.symbol() + "', found the end");
        }
        char first = peek();
        if (first == '\'' || first == '"') {
            int close = text.indexOf(first, position + 1);
            if (close < 0) {
                throw error("the quoted value starting here is never closed");
            }
            String value = text.substring(position + 1, close);
            position = close + 1;
            return value;
        }
        int start = position;
        while (!atEnd() && !isValueEnd(peek())) {
            position++;
        }
        if (start == position) {
            throw error("expected a value after '" + operator.symbol() + "', found '" + rest() + "'");
        }
        return text.substring(start, position);
    }

    private QueryNode comparison(QuerySubject subject, QueryOperator operator, List<String> arguments, int at) {
        Pattern pattern = null;
        Instant instant = null;
        Long number = null;
        if (operator.positive() == QueryOperator.MATCHES) {
            try {
                pattern = Pattern.compile(arguments.getFirst());
            } catch (PatternSyntaxException e) {
                throw new ClusterQueryException(text, at, "'" + arguments.getFirst()
                        + "' is not a valid Java regular expression (" + e.getDescription() + ")");
            }
        }
        switch (subject.kind()) {
            case REGISTERED_AT -> instant = instant(arguments.getFirst(), at);
            case RUNNING_TASKS_COUNT -> {
                try {
                    number = Long.parseLong(arguments.getFirst());
                } catch (NumberFormatException e) {
                    throw new ClusterQueryException(text, at, "runningTasksCount compares with a whole number, not '"
                            + arguments.getFirst() + "'");
                }
            }
            default -> {
            }
        }
        return new QueryNode.Comparison(subject, operator, arguments, pattern, instant, number);
    }

    /** ECS's date formats: 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28, 2018-06-18 (UTC). */
    private Instant instant(String value, int at) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value.endsWith("Z") || value.lastIndexOf('+') > 10 || value.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ClusterQueryException(text, at, "registeredAt compares with a date such as 2018-06-18 or "
                    + "2018-06-18T22:28:28Z, not '" + value + "'");
        }
    }

    /** Every spelling of every operator, longest first so that '>' does not take the first half of '>='. */
    private static final List<Map.Entry<String, QueryOperator>> SPELLINGS = spellings();

    private static List<Map.Entry<String, QueryOperator>> spellings() {
        List<Map.Entry<String, QueryOperator>> all = new ArrayList<>();
        for (QueryOperator operator : QueryOperator.values()) {
            operator.spellings().forEach(spelling -> all.add(Map.entry(spelling, operator)));
        }
        all.add(Map.entry("not in", QueryOperator.NOT_IN));
        all.sort(Comparator.comparingInt((Map.Entry<String, QueryOperator> e) -> e.getKey().length()).reversed());
        return List.copyOf(all);
    }

    private QueryOperator operator() {
        for (Map.Entry<String, QueryOperator> spelling : SPELLINGS) {
            String word = spelling.getKey();
            boolean accepted = Character.isLetter(word.charAt(word.length() - 1)) ? acceptKeyword(word) : accept(word);
            if (accepted) {
                return spelling.getValue();
            }
        }
        return null;
    }

    private boolean accept(String token) {
        skipBlanks();
        if (text.startsWith(token, position)) {
            position += token.length();
            return true;
        }
        return false;
    }

    /** A word, case-insensitive, that is not the start of a longer word (so 'order' is not 'or'). */
    private boolean acceptKeyword(String keyword) {
        skipBlanks();
        int end = position + keyword.length();
        if (end > text.length() || !text.regionMatches(true, position, keyword, 0, keyword.length())) {
            return false;
        }
        if (end < text.length() && isSubjectCharacter(text.charAt(end))) {
            return false;
        }
        position = end;
        return true;
    }

    private int skipBlanks() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
        return position;
    }

    private static boolean isSubjectCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == ':' || c == '.' || c == '-' || c == '_' || c == '/' || c == '\\'
                || c == '@';
    }

    private static boolean isValueEnd(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == ',';
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private String rest() {
        String rest = text.substring(position);
        return rest.length() > 20 ? rest.substring(0, 20) + "..." : rest;
    }

    private ClusterQueryException error(String problem) {
        return new ClusterQueryException(text, position, problem);
    }
}
