package dev.ecsd.model;

/** A container ulimit. */
public record Ulimit(String name, Integer softLimit, Integer hardLimit) {
}
