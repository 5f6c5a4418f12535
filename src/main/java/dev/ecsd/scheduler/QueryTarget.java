package dev.ecsd.scheduler;

import java.time.Instant;
import java.util.function.Predicate;

/** What a cluster query expression can ask about one container instance. */
interface QueryTarget {
    boolean hasAttribute(String name);

    /** The attribute's value; null when absent or valueless. */
    String attribute(String name);

    String ec2InstanceId();

    Instant registeredAt();

    int runningTasksCount();

    boolean agentConnected();

    String agentVersion();

    /** Whether a task of this group is on the instance. */
    boolean hostsGroup(String group);

    /** Whether any task with a group is on the instance. */
    boolean hostsAnyGroup();

    /** Whether a task of a group matching the test is on the instance. */
    boolean hostsGroupMatching(Predicate<String> test);
}
