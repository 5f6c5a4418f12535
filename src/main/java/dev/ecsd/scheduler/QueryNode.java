package dev.ecsd.scheduler;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** A parsed cluster query expression: comparisons joined by and, or and not. */
sealed interface QueryNode {
    boolean matches(QueryTarget target);

    record And(QueryNode left, QueryNode right) implements QueryNode {
        @Override
        public boolean matches(QueryTarget target) {
            return left.matches(target) && right.matches(target);
        }
    }

    record Or(QueryNode left, QueryNode right) implements QueryNode {
        @Override
        public boolean matches(QueryTarget target) {
            return left.matches(target) || right.matches(target);
        }
    }

    record Not(QueryNode operand) implements QueryNode {
        @Override
        public boolean matches(QueryTarget target) {
            return !operand.matches(target);
        }
    }

    /**
     * {@code subject operator [argument]}. Arguments are checked and converted once, when parsed: {@code pattern} for
     * the match operators, {@code instant} for registeredAt, {@code number} for runningTasksCount.
     */
    record Comparison(QuerySubject subject, QueryOperator operator, List<String> arguments, Pattern pattern,
            Instant instant, Long number) implements QueryNode {
        @Override
        public boolean matches(QueryTarget target) {
            boolean positive = holds(target, operator.positive());
            return operator.negative() != positive;
        }

        private boolean holds(QueryTarget target, QueryOperator op) {
            return switch (subject.kind()) {
                case ATTRIBUTE -> op == QueryOperator.EXISTS
                        ? target.hasAttribute(subject.attributeName())
                        : scalar(target.attribute(subject.attributeName()), op);
                case EC2_INSTANCE_ID -> scalar(target.ec2InstanceId(), op);
                case AGENT_CONNECTED -> scalar(Boolean.toString(target.agentConnected()), op);
                case AGENT_VERSION -> target.agentVersion() != null
                        && ordered(op, compareVersions(target.agentVersion(), arguments.getFirst()));
                case REGISTERED_AT -> target.registeredAt() != null
                        && ordered(op, target.registeredAt().compareTo(instant));
                case RUNNING_TASKS_COUNT -> ordered(op, Long.compare(target.runningTasksCount(), number));
                case TASK_GROUP -> switch (op) {
                    case EXISTS -> target.hostsAnyGroup();
                    case EQUALS -> target.hostsGroup(arguments.getFirst());
                    case IN -> arguments.stream().anyMatch(target::hostsGroup);
                    case MATCHES -> target.hostsGroupMatching(group -> pattern.matcher(group).matches());
                    default -> false;
                };
            };
        }

        private boolean scalar(String value, QueryOperator op) {
            if (value == null) {
                return false;
            }
            return switch (op) {
                case EQUALS -> value.equals(arguments.getFirst());
                case IN -> arguments.contains(value);
                case MATCHES -> pattern.matcher(value).matches();
                default -> ordered(op, compareValues(value, arguments.getFirst()));
            };
        }

        private static boolean ordered(QueryOperator op, int comparison) {
            return switch (op) {
                case EQUALS -> comparison == 0;
                case GREATER_THAN -> comparison > 0;
                case GREATER_THAN_EQUAL -> comparison >= 0;
                case LESS_THAN -> comparison < 0;
                case LESS_THAN_EQUAL -> comparison <= 0;
                default -> false;
            };
        }

        /** Numbers compare as numbers (so 10 > 9), anything else as text. */
        private static int compareValues(String left, String right) {
            BigDecimal leftNumber = number(left);
            BigDecimal rightNumber = number(right);
            if (leftNumber != null && rightNumber != null) {
                return leftNumber.compareTo(rightNumber);
            }
            return left.compareTo(right);
        }

        /** Dotted versions compare part by part, numerically where both parts are numbers (1.14.5 < 1.9 is false). */
        static int compareVersions(String left, String right) {
            String[] leftParts = left.split("\\.");
            String[] rightParts = right.split("\\.");
            for (int i = 0; i < Math.max(leftParts.length, rightParts.length); i++) {
                String l = i < leftParts.length ? leftParts[i] : "0";
                String r = i < rightParts.length ? rightParts[i] : "0";
                int comparison = compareValues(l, r);
                if (comparison != 0) {
                    return comparison;
                }
            }
            return 0;
        }

        private static BigDecimal number(String text) {
            if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
