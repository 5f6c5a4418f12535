package dev.ecsd.control.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsd.channel.RegistryCredentials;
import dev.ecsd.channel.TaskSecrets;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.Lists;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.Secret;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.secrets.SecretVersion;
import dev.ecsd.model.ssm.Parameter;
import dev.ecsd.model.ssm.ParameterVersion;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the {@code secrets} of a task's containers against the store, as the ECS agent does at task start: Secrets
 * Manager ARNs (full or partial) with the {@code :json-key:version-stage:version-id} selector, SSM parameters by name
 * or ARN with an optional {@code :version} or {@code :label}. Pure: reads a snapshot, opens sealed values with the
 * cipher, and answers values or ECS's reason for failing; the cause never contains a value.
 */
public final class SecretResolver {
    static final String REASON_PREFIX = "ResourceInitializationError: unable to pull secrets or registry auth: "
            + "execution resource retrieval failed: ";
    private static final String ASM_ARN = ":secretsmanager:";
    private static final String ARN_SECRET = ":secret:";
    private static final String SSM_ARN_PARAMETER = ":parameter";

    private SecretResolver() {
    }

    /** Whether anything of {@code definition} is resolved at task start: secrets, secret log options, registry auth. */
    public static boolean hasSecrets(TaskDefinition definition) {
        return definition != null && definition.containerDefinitions().stream().anyMatch(c ->
                !Lists.orEmpty(c.secrets()).isEmpty() || !secretOptions(c).isEmpty()
                        || credentialsParameter(c) != null);
    }

    /**
     * The secret environment and registry credentials of every container of {@code definition}, or the reason the
     * first failure gives. A container's {@code logConfiguration.secretOptions} are resolved too, so a missing one
     * stops the task as on ECS; ecsd ships only awslogs output, which takes none, so their values go no further.
     */
    public static TaskSecrets resolve(Snapshot state, ValueCipher cipher, TaskDefinition definition) {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        Map<String, RegistryCredentials> registryCredentials = new LinkedHashMap<>();
        for (ContainerDefinition container : Lists.orEmpty(definition.containerDefinitions())) {
            Map<String, String> environment = new LinkedHashMap<>();
            try {
                String credentialsParameter = credentialsParameter(container);
                if (credentialsParameter != null) {
                    registryCredentials.put(container.name(), registryCredentials(state, cipher, credentialsParameter));
                }
                for (Secret secret : Lists.orEmpty(container.secrets())) {
                    environment.put(secret.name(), value(state, cipher, secret.valueFrom()));
                }
                for (Secret option : secretOptions(container)) {
                    value(state, cipher, option.valueFrom());
                }
            } catch (Unresolvable e) {
                return TaskSecrets.failed(REASON_PREFIX + e.getMessage());
            }
            if (!environment.isEmpty()) {
                environments.put(container.name(), environment);
            }
        }
        return new TaskSecrets(environments, registryCredentials, null);
    }

    /** The secret named by a container's {@code repositoryCredentials}, or null when it names none. */
    static String credentialsParameter(ContainerDefinition container) {
        Object credentials = Lists.orEmpty(container.additionalFields()).get("repositoryCredentials");
        if (credentials instanceof Map<?, ?> map && map.get("credentialsParameter") instanceof String parameter
                && !parameter.isBlank()) {
            return parameter;
        }
        return null;
    }

    private static List<Secret> secretOptions(ContainerDefinition container) {
        return container.logConfiguration() == null ? List.of()
                : Lists.orEmpty(container.logConfiguration().secretOptions());
    }

    /**
     * A registry's user name and password from a Secrets Manager secret (its ARN, partial ARN or name) holding
     * {@code {"username": …, "password": …}}, as ECS's private registry authentication takes them.
     */
    private static RegistryCredentials registryCredentials(Snapshot state, ValueCipher cipher, String parameter)
            throws Unresolvable {
        String arn = parameter.startsWith("arn:") ? parameter : state.all(Kind.SECRET)
                .filter(s -> s.name().equals(parameter)).map(dev.ecsd.model.secrets.Secret::arn).findFirst()
                .orElseThrow(() -> asm(parameter, "ResourceNotFoundException: Secrets Manager can't find the "
                        + "specified secret."));
        if (!arn.contains(ASM_ARN)) {
            throw asm(parameter, "InvalidParameterException: repository credentials must be a Secrets Manager secret.");
        }
        String username = secretsManager(state, cipher, arn + ":username::", "repository credentials");
        String password = secretsManager(state, cipher, arn + ":password::", "repository credentials");
        return new RegistryCredentials(username, password);
    }

    static String value(Snapshot state, ValueCipher cipher, String valueFrom) throws Unresolvable {
        if (valueFrom.startsWith("arn:") && valueFrom.contains(ASM_ARN)) {
            return secretsManager(state, cipher, valueFrom, null);
        }
        return parameter(state, cipher, valueFrom);
    }

    /** A Secrets Manager value; {@code purpose} names what it is for in a failure about its JSON keys, if not a variable. */
    private static String secretsManager(Snapshot state, ValueCipher cipher, String valueFrom, String purpose)
            throws Unresolvable {
        // arn:aws:secretsmanager:<region>:<account>:secret:<name>[:json-key:version-stage:version-id]; a name has no ':'
        String[] parts = valueFrom.split(":", -1);
        if (parts.length < 7 || !"secret".equals(parts[5]) || parts.length > 10) {
            throw asm(valueFrom, "InvalidParameterException: An error occurred: the secret ARN is not valid.");
        }
        String arn = String.join(":", Arrays.copyOfRange(parts, 0, 7));
        String jsonKey = part(parts, 7);
        String stage = part(parts, 8);
        String versionId = part(parts, 9);
        dev.ecsd.model.secrets.Secret secret = findSecret(state, arn)
                .orElseThrow(() -> asm(arn, "ResourceNotFoundException: Secrets Manager can't find the specified secret."));
        if (secret.scheduledForDeletion()) {
            throw asm(arn, "InvalidRequestException: You can't perform this operation on the secret because it was "
                    + "marked for deletion.");
        }
        Optional<SecretVersion> version = versionId != null ? secret.version(versionId)
                .filter(v -> stage == null || v.hasStage(stage))
                : secret.versionWithStage(stage != null ? stage : SecretVersion.CURRENT);
        if (version.isEmpty()) {
            throw asm(arn, "ResourceNotFoundException: Secrets Manager can't find the specified secret value for "
                    + (versionId != null ? "VersionId: " + versionId : "staging label: "
                    + (stage != null ? stage : SecretVersion.CURRENT)));
        }
        if (version.get().binary()) {
            throw asm(arn, "the secret holds a SecretBinary; only a SecretString can be set as an environment variable");
        }
        String text = cipher.openText(version.get().sealedValue(),
                dev.ecsd.model.secrets.Secret.sealingOwner(secret.arn(), version.get().versionId()));
        if (jsonKey == null) {
            return text;
        }
        JsonNode json;
        try {
            json = ModelJson.MAPPER.readTree(text);
        } catch (Exception e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            // the parser's message could quote the value: say only what is wrong
            throw new Unresolvable("unable to retrieve secret from asm: failed to parse the value of secret " + arn
                    + " as a JSON object to find json key " + jsonKey
                    + (purpose == null ? "" : " (" + purpose + " hold {\"username\": …, \"password\": …})"));
        }
        JsonNode field = json.get(jsonKey);
        if (field == null) {
            throw new Unresolvable("unable to retrieve secret from asm: retrieved secret from Secrets Manager did not "
                    + "contain json key " + jsonKey + (purpose == null ? "" : " for " + purpose + " of " + arn));
        }
        return field.isValueNode() ? field.asText() : field.toString();
    }

    private static Optional<dev.ecsd.model.secrets.Secret> findSecret(Snapshot state, String arn) {
        Optional<dev.ecsd.model.secrets.Secret> exact = state.find(Kind.SECRET, arn);
        if (exact.isPresent()) {
            return exact;
        }
        // a partial ARN: the name without the six-character suffix Secrets Manager appends
        int at = arn.indexOf(ARN_SECRET);
        String prefix = arn.substring(0, at + ARN_SECRET.length());
        String name = arn.substring(at + ARN_SECRET.length());
        return state.all(Kind.SECRET).filter(s -> s.name().equals(name) && s.arn().startsWith(prefix)).findFirst();
    }

    private static String parameter(Snapshot state, ValueCipher cipher, String valueFrom) throws Unresolvable {
        String reference = valueFrom;
        if (valueFrom.startsWith("arn:")) {
            int at = valueFrom.indexOf(SSM_ARN_PARAMETER);
            if (!valueFrom.contains(":ssm:") || at < 0) {
                throw ssm(valueFrom);
            }
            reference = valueFrom.substring(at + SSM_ARN_PARAMETER.length());
            // arn:...:parameter/prod/key names /prod/key; arn:...:parameter/key names key
            String rest = reference.startsWith("/") ? reference.substring(1) : reference;
            String bare = rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
            reference = bare.contains("/") ? "/" + rest : rest;
        }
        String name = reference;
        String selector = null;
        int colon = reference.lastIndexOf(':');
        if (colon > 0) {
            name = reference.substring(0, colon);
            selector = reference.substring(colon + 1);
        }
        Parameter parameter = state.find(Kind.SSM_PARAMETER, Parameter.key(name)).orElseThrow(() -> ssm(valueFrom));
        Optional<ParameterVersion> version;
        if (selector == null) {
            version = Optional.of(parameter.latest());
        } else if (selector.matches("[0-9]{1,18}")) {
            version = parameter.version(Long.parseLong(selector));
        } else {
            version = parameter.labelled(selector);
        }
        ParameterVersion found = version.orElseThrow(() -> ssm(valueFrom));
        // StringList is passed as SSM stores it, the comma-separated string
        return found.secure() ? cipher.openText(found.value(), Parameter.sealingOwner(parameter.arn(), found.version()))
                : found.value();
    }

    private static String part(String[] parts, int index) {
        return parts.length > index && !parts[index].isEmpty() ? parts[index] : null;
    }

    private static Unresolvable asm(String arn, String cause) {
        return new Unresolvable("unable to retrieve secret from asm: failed to fetch secret " + arn
                + " from secrets manager: " + cause);
    }

    private static Unresolvable ssm(String valueFrom) {
        return new Unresolvable("unable to retrieve secrets from ssm: invalid ssm parameters: " + valueFrom);
    }

    /** A secret that cannot be resolved; its message is ECS's cause and names the secret, never its value. */
    static final class Unresolvable extends Exception {
        Unresolvable(String message) {
            super(message, null, false, false);
        }
    }
}
