package dev.ecsd.model;

/** A container port published on the host. */
public record NetworkBinding(String bindIP, Integer containerPort, Integer hostPort, String protocol) {
}
