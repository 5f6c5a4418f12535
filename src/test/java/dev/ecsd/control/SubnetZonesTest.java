package dev.ecsd.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The subnet to zone mapping: stable, in the region, and over all three zones. */
class SubnetZonesTest {
    @Test
    void aSubnetMapsToTheSameZoneOfItsRegionEveryTime() {
        // written out: a change of the hash would move every user's tasks to other zones
        assertThat(SubnetZones.zoneOf("us-east-1", "subnet-1")).isEqualTo("us-east-1c");
        assertThat(SubnetZones.zoneOf("us-east-1", "subnet-2")).isEqualTo("us-east-1a");
        assertThat(SubnetZones.zoneOf("eu-west-1", "subnet-3")).isEqualTo("eu-west-1b");
        assertThat(SubnetZones.zoneOf("eu-west-1", "subnet-1")).isEqualTo("eu-west-1c");
    }

    @Test
    void manySubnetsCoverEveryZone() {
        Set<String> zones = new HashSet<>();
        IntStream.range(0, 30).forEach(i -> zones.add(SubnetZones.zoneOf("us-west-2", "subnet-0" + i)));
        assertThat(zones).containsExactlyInAnyOrder("us-west-2a", "us-west-2b", "us-west-2c");
    }
}
