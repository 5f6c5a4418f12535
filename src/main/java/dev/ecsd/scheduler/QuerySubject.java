package dev.ecsd.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a cluster query expression compares: a container instance attribute or one of ECS's built-in fields. */
record QuerySubject(Kind kind, String attributeName) {
    enum Kind {
        ATTRIBUTE(List.of(QueryOperator.values())),
        EC2_INSTANCE_ID(QueryOperator.SET_AND_PATTERN),
        AGENT_CONNECTED(QueryOperator.SET_AND_PATTERN),
        AGENT_VERSION(QueryOperator.ORDERING),
        REGISTERED_AT(QueryOperator.ORDERING),
        RUNNING_TASKS_COUNT(QueryOperator.ORDERING),
        TASK_GROUP(withExists(QueryOperator.SET_AND_PATTERN));

        private final List<QueryOperator> operators;

        Kind(List<QueryOperator> operators) {
            this.operators = operators;
        }

        List<QueryOperator> operators() {
            return operators;
        }

        private static List<QueryOperator> withExists(List<QueryOperator> operators) {
            List<QueryOperator> all = new ArrayList<>(operators);
            all.addAll(Arrays.asList(QueryOperator.EXISTS, QueryOperator.NOT_EXISTS));
            return List.copyOf(all);
        }
    }

    static final String VALID_SUBJECTS = "attribute:<name>, ec2InstanceId, registeredAt, runningTasksCount, "
            + "agentConnected, agentVersion and task:group";

    /** The subject a word names, or null when it names none. */
    static QuerySubject named(String word) {
        if (word.startsWith("attribute:") && word.length() > "attribute:".length()) {
            return new QuerySubject(Kind.ATTRIBUTE, word.substring("attribute:".length()));
        }
        return switch (word) {
            case "ec2InstanceId" -> new QuerySubject(Kind.EC2_INSTANCE_ID, null);
            case "agentConnected" -> new QuerySubject(Kind.AGENT_CONNECTED, null);
            case "agentVersion" -> new QuerySubject(Kind.AGENT_VERSION, null);
            case "registeredAt" -> new QuerySubject(Kind.REGISTERED_AT, null);
            case "runningTasksCount" -> new QuerySubject(Kind.RUNNING_TASKS_COUNT, null);
            case "task:group" -> new QuerySubject(Kind.TASK_GROUP, null);
            default -> null;
        };
    }

    String spelling() {
        return switch (kind) {
            case ATTRIBUTE -> "attribute:" + attributeName;
            case EC2_INSTANCE_ID -> "ec2InstanceId";
            case AGENT_CONNECTED -> "agentConnected";
            case AGENT_VERSION -> "agentVersion";
            case REGISTERED_AT -> "registeredAt";
            case RUNNING_TASKS_COUNT -> "runningTasksCount";
            case TASK_GROUP -> "task:group";
        };
    }
}
