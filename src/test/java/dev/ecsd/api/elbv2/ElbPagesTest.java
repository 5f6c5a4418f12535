package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ElbPagesTest {
    private static final List<String> ITEMS = List.of("a", "b", "c", "d", "e");

    @Test
    void pagesThroughEveryItemOnce() {
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            ElbPages.Page<String> page = ElbPages.page(ITEMS, Function.identity(), 2, marker);
            seen.addAll(page.items());
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(seen).isEqualTo(ITEMS);
    }

    @Test
    void withoutAPageSizeAnswersUpTo400() {
        assertThat(ElbPages.page(ITEMS, Function.identity(), null, null).nextMarker()).isNull();
    }

    @Test
    void aMarkerWhoseItemIsGoneResumesWhereItWouldHaveBeen() {
        String marker = ElbPages.page(ITEMS, Function.identity(), 2, null).nextMarker();
        assertThat(ElbPages.page(List.of("a", "b", "d", "e"), Function.identity(), 2, marker).items())
                .containsExactly("d", "e");
    }

    @Test
    void refusesPageSizesAndMarkersOutOfBounds() {
        assertThatThrownBy(() -> ElbPages.page(ITEMS, Function.identity(), 0, null))
                .hasMessageContaining("Value '0' at 'pageSize' failed to satisfy constraint");
        assertThatThrownBy(() -> ElbPages.page(ITEMS, Function.identity(), 401, null))
                .hasMessageContaining("Member must have value less than or equal to 400");
        assertThatThrownBy(() -> ElbPages.page(ITEMS, Function.identity(), 1, "made-up"))
                .hasMessageContaining("The marker 'made-up' is not valid");
    }
}
