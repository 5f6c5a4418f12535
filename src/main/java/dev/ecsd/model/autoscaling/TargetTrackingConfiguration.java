package dev.ecsd.model.autoscaling;

/**
 * A target tracking policy's configuration: a target value of a predefined metric (with its ResourceLabel, for
 * ALBRequestCountPerTarget) or of a customized one, the cooldowns as given (null: the ECS default), and whether it
 * may scale in.
 */
public record TargetTrackingConfiguration(double targetValue, String predefinedMetricType, String resourceLabel,
        CustomizedMetric customizedMetric, Integer scaleOutCooldown, Integer scaleInCooldown,
        boolean disableScaleIn) {
    /** ECS's default cooldown, for scale-out and scale-in alike. */
    public static final int DEFAULT_COOLDOWN_SECONDS = 300;

    public int scaleOutCooldownSeconds() {
        return scaleOutCooldown == null ? DEFAULT_COOLDOWN_SECONDS : scaleOutCooldown;
    }

    public int scaleInCooldownSeconds() {
        return scaleInCooldown == null ? DEFAULT_COOLDOWN_SECONDS : scaleInCooldown;
    }
}
