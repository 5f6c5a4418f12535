package dev.ecsd.model;

/** A secret reference: the environment variable (or log option) name and the ARN or name it comes from. */
public record Secret(String name, String valueFrom) {
}
