package dev.ecsd.lb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Every listener's requests, on every port: decide by the current routing table, then answer by itself or
 * proxy to the chosen target with Jetty's reverse proxy, adding ALB's X-Forwarded-* headers. Non-blocking: the
 * decision is a few map lookups and the proxying is asynchronous, so requests run on Jetty's own pool.
 *
 * <p>Both sides say so to Jetty ({@link #getInvocationType}, the client transport's invocation type): a selector
 * thread then runs a request or a target's answer itself instead of waking another thread for it, which on a
 * machine of few cores is most of the latency a proxied request adds.
 */
final class ListenerHandler extends ProxyHandler {
    private static final String FORWARD_ATTRIBUTE = ListenerHandler.class.getName() + ".forward";
    /** Set on a forwarded request the load balancer answered itself, because its target failed. */
    private static final String ANSWERED_FOR_TARGET_ATTRIBUTE = ListenerHandler.class.getName() + ".answeredForTarget";
    /** How often a request re-decides when the table changed under it before it gives up checking. */
    private static final int DECISION_ATTEMPTS = 3;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int TRACE_ID_LENGTH = "Root=1-".length() + 8 + 1 + 24;
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final DateTimeFormatter COOKIE_EXPIRY = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Supplier<RoutingTable> tables;
    private final InstantSource clock;
    private final ThreadPool threads;
    private final RequestCounts counts;

    ListenerHandler(Supplier<RoutingTable> tables, InstantSource clock, ThreadPool threads, RequestCounts counts) {
        this.counts = counts;
        this.tables = tables;
        this.clock = clock;
        this.threads = threads;
    }

    /** Nothing here blocks: routing reads an immutable table and the proxying is asynchronous. */
    @Override
    public Invocable.InvocationType getInvocationType() {
        return Invocable.InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestView view = new JettyRequestView(request);
        RouteDecision decision = null;
        for (int attempt = 0; attempt < DECISION_ATTEMPTS; attempt++) {
            RoutingTable table = tables.get();
            decision = Router.decide(table, view, bound -> ThreadLocalRandom.current().nextInt(bound));
            if (!(decision instanceof RouteDecision.Forward forward)) {
                break;
            }
            // counted before the table is read again: once apply() has swapped a table out, a request still
            // headed for a target it removed either shows in inFlight() or sees the new table and decides again
            forward.target().inFlight().incrementAndGet();
            if (tables.get() == table || attempt == DECISION_ATTEMPTS - 1) {
                break;
            }
            forward.target().inFlight().decrementAndGet();
        }
        return switch (decision) {
            case RouteDecision.Answer answer -> answer(request, response, callback, answer);
            case RouteDecision.Forward forward -> forward(request, response, callback, forward);
        };
    }

    private boolean forward(Request request, Response response, Callback callback, RouteDecision.Forward forward) {
        String loadBalancerArn = forward.loadBalancer().loadBalancerArn();
        String targetGroupArn = forward.targetGroup().targetGroupArn();
        counts.forwarded(loadBalancerArn, targetGroupArn);
        Callback counted = Callback.from(callback, () -> {
            forward.target().inFlight().decrementAndGet();
            counts.answered(loadBalancerArn, targetGroupArn, response.getStatus(),
                    request.getAttribute(ANSWERED_FOR_TARGET_ATTRIBUTE) != null);
        });
        try {
            request.setAttribute(FORWARD_ATTRIBUTE, forward);
            // the target's idle timeout decides when waiting has lasted too long (504), not the client connection's
            request.addIdleTimeoutListener(timeout -> false);
            if (forward.stickinessCookie() != null) {
                response.getHeaders().add(HttpHeader.SET_COOKIE, Router.STICKINESS_COOKIE + "="
                        + forward.stickinessCookie() + "; Expires="
                        + COOKIE_EXPIRY.format(clock.instant().plusSeconds(forward.targetGroup().stickinessDurationSeconds()))
                        + "; Path=/");
            }
            return super.handle(request, response, counted);
        } catch (RuntimeException e) {
            counted.failed(e);
            return true;
        }
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        RoutableTarget target = ((RouteDecision.Forward) request.getAttribute(FORWARD_ATTRIBUTE)).target();
        return HttpURI.build(request.getHttpURI()).scheme("http").host(bracketed(target.host())).port(target.port());
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI target) {
        RouteDecision.Forward forward = (RouteDecision.Forward) request.getAttribute(FORWARD_ATTRIBUTE);
        return super.newProxyToServerRequest(request, target)
                .idleTimeout(forward.loadBalancer().idleTimeoutSeconds(), TimeUnit.SECONDS);
    }

    /** ALB's headers, and none of the Via and Forwarded headers a generic proxy adds. */
    @Override
    protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request proxyRequest) {
        String client = Request.getRemoteAddr(request);
        int port = Request.getLocalPort(request);
        proxyRequest.headers(headers -> {
            // every X-Forwarded-For line the client sent, as one list with the client's address last
            String forwardedFor = String.join(", ", headers.getValuesList("X-Forwarded-For"));
            headers.put("X-Forwarded-For", forwardedFor.isBlank() ? client : forwardedFor + ", " + client);
            headers.put("X-Forwarded-Proto", "http");
            headers.put("X-Forwarded-Port", Integer.toString(port));
            if (!headers.contains("X-Amzn-Trace-Id")) {
                headers.put("X-Amzn-Trace-Id", traceId());
            }
        });
    }

    /**
     * A target that refuses, resets, answers garbage or falls silent: ALB's 502, or 504 when the idle timeout
     * ran out. Once the target's answer has begun reaching the client, the only honest signal is to cut the
     * connection.
     */
    @Override
    protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request proxyRequest,
            org.eclipse.jetty.client.Response targetResponse, Response response, Callback callback, Throwable failure) {
        if (response.isCommitted()) {
            callback.failed(failure);
            return;
        }
        response.reset();
        request.setAttribute(ANSWERED_FOR_TARGET_ATTRIBUTE, Boolean.TRUE);
        answer(request, response, callback, RouteDecision.Answer.page(HttpHealthProbe.causedByTimeout(failure) ? 504 : 502));
    }

    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        // the proxy's response listener only hands content on asynchronously to the client's response
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        return new HttpClient(transport);
    }

    @Override
    protected void configureHttpClient(HttpClient client) {
        super.configureHttpClient(client);
        client.setExecutor(threads);
        client.setUserAgentField(null);
        client.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        // an idle pooled connection is dropped before the usual keep-alive timeouts of servers (5 s and up), so that
        // a request is rarely sent on a connection the target is closing; a request in progress has the load
        // balancer's idle timeout instead
        client.setIdleTimeout(4_000);
        client.setDestinationIdleTimeout(120_000);
        client.setMaxConnectionsPerDestination(1024);
        client.setMaxRequestsQueuedPerDestination(16 * 1024);
    }

    private static boolean answer(Request request, Response response, Callback callback, RouteDecision.Answer answer) {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.SERVER, AlbPages.SERVER);
        headers.put(dateField(request));
        headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        answer.headers().forEach(headers::put);
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static HttpField dateField(Request request) {
        return request.getConnectionMetaData().getConnector().getServer().getDateField();
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** ALB's trace id: version 1, the time in hex seconds, 96 random bits. */
    private String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[TRACE_ID_LENGTH];
        "Root=1-".getChars(0, 7, id, 0);
        hex(clock.instant().getEpochSecond(), 8, id, 7);
        id[15] = '-';
        hex(random.nextLong(), 16, id, 16);
        hex(random.nextInt(), 8, id, 32);
        return new String(id);
    }

    /** The low {@code digits} hex digits of {@code value}, into {@code into} from {@code at}. */
    private static void hex(long value, int digits, char[] into, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            into[at + i] = HEX_DIGITS[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
