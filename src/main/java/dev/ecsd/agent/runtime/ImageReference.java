package dev.ecsd.agent.runtime;

/**
 * An image reference split as the engine's pull endpoint wants it. A reference without tag or digest means
 * {@code latest}, as the docker CLI does; the API itself would pull every tag.
 */
record ImageReference(String repository, String tag) {
    static ImageReference parse(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return new ImageReference(image.substring(0, at), image.substring(at + 1));
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageReference(image, "latest");
    }

    /** The registry the image is pulled from, as the docker CLI reads it: a first part naming a host, else Docker Hub. */
    String registry() {
        int slash = repository.indexOf('/');
        String first = slash < 0 ? "" : repository.substring(0, slash);
        if (first.contains(".") || first.contains(":") || "localhost".equals(first)) {
            return first;
        }
        return "https://index.docker.io/v1/";
    }
}
