package dev.ecsd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineCallKindTest {
    @Test
    void kindsLeaveOutIdsAndNames() {
        assertThat(EngineCallKind.of("start container 3f2a9c")).isEqualTo("start_container");
        assertThat(EngineCallKind.of("create container from busybox:1")).isEqualTo("create_container");
        assertThat(EngineCallKind.of("pull registry.local/app:2")).isEqualTo("pull");
        assertThat(EngineCallKind.of("follow the logs of 3f2a9c")).isEqualTo("follow_the_logs");
        assertThat(EngineCallKind.of("list containers labelled {a=b}")).isEqualTo("list_containers");
        assertThat(EngineCallKind.of("ping")).isEqualTo("ping");
        assertThat(EngineCallKind.of("open the event stream")).isEqualTo("open_the_event_stream");
    }

    @Test
    void anUnknownCallIsOther() {
        assertThat(EngineCallKind.of("pulled something")).isEqualTo("other");
        assertThat(EngineCallKind.of("export container 1")).isEqualTo("other");
    }
}
