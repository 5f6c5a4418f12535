package dev.ecsd.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Docker's requests under {@code /v2/} on the API's port: the ECR token checked (basic auth, {@code AWS:<token>}),
 * the path's region held to the token's, the repository held to the image side's, then everything passed to the
 * child registry as it is, streamed both ways (layers are large). A manifest PUT is the one request read whole
 * (bounded as the registry bounds it): the image side may refuse its tag first, and records the image after.
 * Any other path is not this handler's: it returns false, and the AWS API answers.
 */
public final class RegistryFront extends ProxyHandler {
    /** The registry's own bound on a manifest's size. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryFront.class);
    private static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    private static final String API_VERSION = "registry/2.0";
    private static final String DIGEST_HEADER = "Docker-Content-Digest";
    private static final String REALM = "ecsd";
    private static final long CONNECT_TIMEOUT_MILLIS = 5_000;
    /** A request to the registry fails after this long without a byte either way; a long upload does not. */
    private static final long IDLE_TIMEOUT_SECONDS = 60;
    private static final long MANIFEST_TIMEOUT_SECONDS = 60;

    private final RegistryProcess registry;
    private final RegistryGate gate;
    private final String accountId;

    /** A front to {@code registry} that asks {@code gate}; {@code accountId} is what ECR's messages name. */
    public RegistryFront(RegistryProcess registry, RegistryGate gate, String accountId) {
        this.registry = registry;
        this.gate = gate;
        this.accountId = accountId;
    }

    /** Whether a request's path is the registry's. */
    public static boolean serves(String path) {
        return path.equals("/v2") || path.startsWith("/v2/");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        if (path == null || !serves(path)) {
            return false;
        }
        if (!registry.available()) {
            return answer(request, response, callback, RegistryError.unavailable(registry.installed()
                    ? "ecsd's image registry is starting or restarting; try again in a few seconds"
                    : RegistryProcess.INSTALL_ADVICE));
        }
        Optional<RegistryGate.Login> login = login(request);
        if (login.isEmpty()) {
            return answer(request, response, callback, RegistryError.unauthorized(
                    "Not authorized: log in with docker login -u AWS and the password of aws ecr get-login-password"));
        }
        if (path.equals("/v2") || path.equals("/v2/")) {
            return super.handle(request, response, callback);
        }
        Optional<RegistryPath> parsed = RegistryPath.parse(path);
        if (parsed.isEmpty()) {
            return answer(request, response, callback, path.startsWith("/v2/_catalog")
                    ? new RegistryError(405, "UNSUPPORTED", "ecsd's registry does not list repositories: use aws ecr "
                            + "describe-repositories")
                    : new RegistryError(404, "NAME_INVALID", "not a repository's path: /v2/<region>/<repository "
                            + "name>/{manifests,blobs,tags}/..."));
        }
        RegistryPath target = parsed.get();
        String region = login.get().region();
        if (!target.region().equals(region)) {
            return answer(request, response, callback, RegistryError.denied("Your authorization token is for region "
                    + region + " and does not grant access to repositories of region " + target.region()));
        }
        Optional<RegistryError> refused = refusal(request, target, region);
        if (refused.isPresent()) {
            return answer(request, response, callback, refused.get());
        }
        if (HttpMethod.DELETE.is(request.getMethod()) && target.kind() != RegistryPath.Kind.UPLOAD) {
            // as ECR: images are deleted through the API, so the image side never loses track of one
            return answer(request, response, callback, new RegistryError(405, "UNSUPPORTED", "Images are deleted "
                    + "with aws ecr batch-delete-image"));
        }
        if (target.kind() == RegistryPath.Kind.MANIFEST && HttpMethod.PUT.is(request.getMethod())) {
            return putManifest(request, response, callback, target);
        }
        return super.handle(request, response, callback);
    }

    private Optional<RegistryError> refusal(Request request, RegistryPath target, String region) {
        if (!gate.repositoryExists(target.region(), target.name())) {
            return Optional.of(RegistryError.nameUnknown(target.name(), accountId));
        }
        // a cross-repository blob mount reads another repository: it must be one of the same region
        Fields query = Request.extractQueryParameters(request);
        String from = query.getValue("from");
        if (from != null && !from.startsWith(region + "/")) {
            return Optional.of(RegistryError.denied("A blob can be mounted only from a repository of region " + region));
        }
        return Optional.empty();
    }

    /** The ECR token's login, from {@code Authorization: Basic base64(user:password)}. */
    private Optional<RegistryGate.Login> login(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return gate.login(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /**
     * Reads the manifest whole, passes it on, and tells the image side of the registry's 201: the one request that
     * is not streamed, because the image side needs its bytes and may refuse its tag.
     */
    private boolean putManifest(Request request, Response response, Callback callback, RegistryPath target) {
        Optional<String> refused = gate.refuseManifest(target.region(), target.name(), target.reference());
        if (refused.isPresent()) {
            return answer(request, response, callback, RegistryError.tagInvalid(refused.get()));
        }
        RegistryError tooLarge = new RegistryError(413, "SIZE_INVALID", "A manifest is at most "
                + MAX_MANIFEST_BYTES + " bytes");
        if (request.getLength() > MAX_MANIFEST_BYTES) {
            return answer(request, response, callback, tooLarge);
        }
        String mediaType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        byte[] manifest;
        ContentResponse stored;
        try (InputStream in = Request.asInputStream(request)) {
            manifest = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (manifest.length > MAX_MANIFEST_BYTES) {
                return answer(request, response, callback, tooLarge);
            }
            stored = getHttpClient().newRequest(rewriteHttpURI(request).asString())
                    .method(HttpMethod.PUT)
                    .body(new BytesRequestContent(mediaType, manifest))
                    .timeout(MANIFEST_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .send();
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.warn("a manifest PUT to the registry failed: {}", e.toString());
            return answer(request, response, callback, new RegistryError(502, "UNAVAILABLE",
                    "ecsd's image registry did not take the manifest: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer(request, response, callback, RegistryError.unavailable("ecsd is stopping"));
        }
        if (stored.getStatus() == 201) {
            String digest = stored.getHeaders().get(DIGEST_HEADER);
            try {
                gate.manifestPushed(target.region(), target.name(), target.reference(),
                        new ManifestBody(digest, mediaType, manifest));
            } catch (RuntimeException e) {
                LOG.warn("the image side did not record the manifest {} pushed to {}: {}", digest,
                        target.repository(), e.toString());
                return answer(request, response, callback, new RegistryError(500, "UNKNOWN",
                        "The image was stored but not recorded: " + e.getMessage()));
            }
        }
        response.setStatus(stored.getStatus());
        HttpFields.Mutable headers = response.getHeaders();
        for (HttpField field : stored.getHeaders()) {
            if (field.getHeader() != HttpHeader.CONNECTION && field.getHeader() != HttpHeader.TRANSFER_ENCODING
                    && field.getHeader() != HttpHeader.DATE) {
                headers.add(field);
            }
        }
        response.write(true, ByteBuffer.wrap(stored.getContent()), callback);
        return true;
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        return HttpURI.build(request.getHttpURI()).scheme("http").host("127.0.0.1").port(registry.port());
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI target) {
        return super.newProxyToServerRequest(request, target).idleTimeout(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** No Via or Forwarded headers, and the token stays here: the registry has no use for it. */
    @Override
    protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request proxyRequest) {
        proxyRequest.headers(headers -> headers.remove(HttpHeader.AUTHORIZATION));
    }

    @Override
    protected void configureHttpClient(HttpClient client) {
        super.configureHttpClient(client);
        client.setUserAgentField(null);
        client.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(256);
    }

    /** An error of the distribution API; a 401 carries the Basic challenge that {@code docker login} answers. */
    private static boolean answer(Request request, Response response, Callback callback, RegistryError error) {
        byte[] body = error.body();
        response.setStatus(error.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        headers.put(API_VERSION_HEADER, API_VERSION);
        if (error.status() == 401) {
            headers.put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }
}
