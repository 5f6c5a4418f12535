package dev.ecsd.control.images;

/** ECR's error messages that both its API and the registry's front give, in ECR's words. */
public final class EcrMessages {
    private EcrMessages() {
    }

    public static String repositoryNotFound(String name, String registryId) {
        return "The repository with name '" + name + "' does not exist in the registry with id '" + registryId + "'";
    }

    public static String tagAlreadyExists(String tag, String repositoryName) {
        return "The image tag '" + tag + "' already exists in the '" + repositoryName
                + "' repository and cannot be overwritten because the repository is immutable.";
    }
}
