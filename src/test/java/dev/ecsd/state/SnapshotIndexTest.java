package dev.ecsd.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetHealthState;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** A record indexed under several keys is found under each, and leaves the ones it no longer has. */
class SnapshotIndexTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-12-01T00:00:00Z"));
    private static final String GROUP = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/01";

    private static Target target(int port, String taskArn) {
        return new Target(GROUP, "127.0.0.1", port, null, TargetHealthState.INITIAL, null, null, CLOCK.instant(), null,
                taskArn);
    }

    @Test
    void aTargetIsFoundByItsGroupAndByItsTaskUntilEitherChanges() {
        StateStore store = StateStore.open(new MemoryBackend(), CLOCK);
        store.write(tx -> {
            tx.put(Kind.TARGET, target(32001, "task-a"));
            tx.put(Kind.TARGET, target(32002, "task-b"));
            return tx.put(Kind.TARGET, target(32003, null));
        });

        Snapshot state = store.snapshot();
        assertThat(state.indexed(Kind.TARGET, GROUP)).extracting(Target::port).containsExactly(32001, 32002, 32003);
        assertThat(state.indexed(Kind.TARGET, Kind.taskTargetsKey("task-a"))).extracting(Target::port)
                .containsExactly(32001);

        store.write(tx -> tx.put(Kind.TARGET, target(32001, "task-c")));
        store.write(tx -> {
            tx.delete(Kind.TARGET, target(32002, "task-b").key());
            return null;
        });

        Snapshot after = store.snapshot();
        assertThat(after.indexed(Kind.TARGET, Kind.taskTargetsKey("task-a"))).isEmpty();
        assertThat(after.indexed(Kind.TARGET, Kind.taskTargetsKey("task-b"))).isEmpty();
        assertThat(after.indexed(Kind.TARGET, Kind.taskTargetsKey("task-c"))).extracting(Target::port)
                .containsExactly(32001);
        assertThat(after.indexed(Kind.TARGET, GROUP)).extracting(Target::port).containsExactly(32001, 32003);
    }

    @Test
    void aRecordRewrittenUnderTheSameIndexKeysIsReadFromTheIndexAsItIsNow() {
        StateStore store = StateStore.open(new MemoryBackend(), CLOCK);
        store.write(tx -> tx.put(Kind.TARGET, target(32001, "task-a")));
        Snapshot before = store.snapshot();

        store.write(tx -> tx.put(Kind.TARGET, target(32001, "task-a").withHealth(TargetHealthState.HEALTHY, null, null)));

        Snapshot after = store.snapshot();
        assertThat(after.indexed(Kind.TARGET, GROUP)).extracting(Target::state)
                .containsExactly(TargetHealthState.HEALTHY);
        assertThat(after.indexed(Kind.TARGET, Kind.taskTargetsKey("task-a"))).extracting(Target::state)
                .containsExactly(TargetHealthState.HEALTHY);
        assertThat(after.indexed(Kind.TARGET, GROUP).toList())
                .containsExactlyElementsOf(after.find(Kind.TARGET, target(32001, "task-a").key()).stream().toList());
        // a snapshot taken before still reads the record as it was
        assertThat(before.indexed(Kind.TARGET, GROUP)).extracting(Target::state)
                .containsExactly(TargetHealthState.INITIAL);
    }
}
