package dev.ecsd.model.autoscaling;

/** Why a scaling activity did not scale, in AWS's codes (AlreadyAtMaxCapacity and the like). */
public record NotScaledReason(String code, Integer maxCapacity, Integer minCapacity, Integer currentCapacity) {
}
