/**
 * The image registry's data plane: the CNCF Distribution registry run as ecsd's child
 * ({@link dev.ecsd.registry.RegistryProcess}), the front that receives Docker's requests under {@code /v2/} on the
 * API's port and passes them on, streamed ({@link dev.ecsd.registry.RegistryFront}), and the manifest operations the
 * image side needs ({@link dev.ecsd.registry.RegistryStorage}). What tokens, repositories and tags exist is the image
 * side's to say, through {@link dev.ecsd.registry.RegistryGate}; this package knows neither the store nor the API.
 *
 * <p>Where ECR leaves a choice, or ecsd cannot do what ECR does, the front decides so:
 * <ul>
 * <li>A repository {@code <name>} of region {@code <r>} is {@code <address>/<r>/<name>}, stored by the registry
 * as {@code <r>/<name>}; a token of one region reaches only that region's repositories (403 DENIED).</li>
 * <li>{@code /v2/_catalog} is not served (405 UNSUPPORTED); neither are DELETEs of manifests and blobs, as in ECR,
 * whose images are deleted through the API.</li>
 * <li>A manifest is at most 4 MiB, the registry's own limit; a blob is streamed whatever its size.</li>
 * <li>While the registry is missing or restarting, every request answers 503 UNAVAILABLE saying why.</li>
 * </ul>
 */
package dev.ecsd.registry;
