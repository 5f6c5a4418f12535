package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

class ElbTagsTest {
    @Test
    void addsReplacesAndRemoves() {
        Map<String, String> tags = ElbTags.add(Map.of("team", "web"), Map.of("team", "payments", "env", "prod"));
        assertThat(tags).containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "env", "prod"));
        assertThat(ElbTags.remove(tags, List.of("env", "absent"))).containsExactlyEntriesOf(Map.of("team", "payments"));
    }

    @Test
    void refusesAKeyTwiceAsDuplicateTagKeys() {
        assertThatThrownBy(() -> ElbTags.read(List.of(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("a").value("2").build())))
                .hasMessage("Tag key was specified more than once: a")
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.DUPLICATE_TAG_KEYS);
    }

    @Test
    void refusesThe51stTagAsTooManyTags() {
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        assertThat(ElbTags.add(Map.of(), fifty)).hasSize(50);
        assertThatThrownBy(() -> ElbTags.add(fifty, Map.of("one-more", "v")))
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.TOO_MANY_TAGS);
    }

    @Test
    void refusesReservedAndOverlongKeys() {
        assertThatThrownBy(() -> ElbTags.read(List.of(Tag.builder().key("aws:owner").value("x").build())))
                .hasMessage("Tag keys beginning with 'aws:' are reserved for AWS use");
        assertThatThrownBy(() -> ElbTags.read(List.of(Tag.builder().key("k".repeat(129)).build())))
                .hasMessageContaining("Member must have length less than or equal to 128");
    }
}
