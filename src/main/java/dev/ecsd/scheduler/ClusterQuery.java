package dev.ecsd.scheduler;

import dev.ecsd.model.ContainerInstance;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A parsed expression of ECS's cluster query language, e.g. {@code attribute:ecs.instance-type =~ t3.* and
 * not(task:group == database)}, as used by memberOf constraints and ListContainerInstances filters.
 *
 * <p>Semantics where ECS's page leaves room: a negative operator ({@code !=, !in, !~, !exists}) holds exactly when
 * its positive twin does not, so {@code attribute:stack != prod} also selects instances without the attribute;
 * {@code =~} must match the whole value (Java regular expressions); {@code >, <} compare numbers as numbers and
 * other text lexicographically; {@code task:group} is the set of groups of the tasks on the instance, so {@code ==}
 * means "hosts a task of that group".
 */
public final class ClusterQuery {
    private final String expression;
    private final QueryNode root;

    private ClusterQuery(String expression, QueryNode root) {
        this.expression = expression;
        this.root = root;
    }

    /** Parses an expression; a malformed one throws a {@link ClusterQueryException} whose message says why. */
    public static ClusterQuery parse(String expression) {
        return new ClusterQuery(expression, QueryParser.parse(expression));
    }

    /** The message of the parse error, or empty when the expression is valid. For API validation. */
    public static Optional<String> validate(String expression) {
        try {
            parse(expression);
            return Optional.empty();
        } catch (ClusterQueryException e) {
            return Optional.of(e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /** Whether an instance, hosting tasks of the given groups, is selected by this expression. */
    public boolean matches(ContainerInstance instance, Collection<String> taskGroups) {
        return root.matches(new QueryTarget() {
            @Override
            public boolean hasAttribute(String name) {
                return instance.attributes() != null
                        && instance.attributes().stream().anyMatch(a -> name.equals(a.name()));
            }

            @Override
            public String attribute(String name) {
                return instance.attribute(name);
            }

            @Override
            public String ec2InstanceId() {
                return instance.ec2InstanceId();
            }

            @Override
            public Instant registeredAt() {
                return instance.registeredAt();
            }

            @Override
            public int runningTasksCount() {
                return instance.runningTasksCount();
            }

            @Override
            public boolean agentConnected() {
                return instance.agentConnected();
            }

            @Override
            public String agentVersion() {
                return instance.versionInfo() == null ? null : instance.versionInfo().agentVersion();
            }

            @Override
            public boolean hostsGroup(String group) {
                return taskGroups.contains(group);
            }

            @Override
            public boolean hostsAnyGroup() {
                return !taskGroups.isEmpty();
            }

            @Override
            public boolean hostsGroupMatching(Predicate<String> test) {
                return taskGroups.stream().anyMatch(test);
            }
        });
    }

    boolean matches(QueryTarget target) {
        return root.matches(target);
    }

    QueryNode root() {
        return root;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterQuery query && query.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
