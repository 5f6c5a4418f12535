package dev.ecsd.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The regions of the {@code aws} partition ecsd serves, each its own namespace on the one endpoint. The list is AWS's
 * commercial regions as its Region billing codes page lists them (checked 2026-12); GovCloud and China are other
 * partitions, with other ARNs, and are not served.
 */
public final class Regions {
    public static final List<String> AWS = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "af-south-1",
            "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2",
            "eu-north-1",
            "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1");
    private static final Set<String> KNOWN = Set.copyOf(AWS);

    private Regions() {
    }

    /** Whether {@code region} is a region of the {@code aws} partition. */
    public static boolean isAwsRegion(String region) {
        return region != null && KNOWN.contains(region);
    }

    /** The region field of an ARN ({@code arn:aws:ecs:<region>:...}), if it is an ARN with one. */
    public static Optional<String> ofArn(String arn) {
        if (!Arns.isArn(arn)) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 5);
        return parts.length == 5 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
    }
}
