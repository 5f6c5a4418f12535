package dev.ecsd.lb;

import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** A Jetty request as the routing decision reads it; the query is parsed only if a condition asks for it. */
final class JettyRequestView implements RequestView {
    private final Request request;
    private List<QueryParameter> queryParameters;

    JettyRequestView(Request request) {
        this.request = request;
    }

    @Override
    public String host() {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            return "";
        }
        int end = host.startsWith("[") ? host.indexOf(']') + 1 : host.indexOf(':');
        return end > 0 ? host.substring(0, end) : host;
    }

    @Override
    public String path() {
        String path = request.getHttpURI().getPath();
        return path == null ? "/" : path;
    }

    @Override
    public String query() {
        String query = request.getHttpURI().getQuery();
        return query == null ? "" : query;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public List<String> headerValues(String name) {
        return request.getHeaders().getValuesList(name);
    }

    @Override
    public String sourceAddress() {
        return Request.getRemoteAddr(request);
    }

    @Override
    public int listenerPort() {
        return Request.getLocalPort(request);
    }

    @Override
    public List<QueryParameter> queryParameters() {
        if (queryParameters == null) {
            queryParameters = QueryParameter.parse(query());
        }
        return queryParameters;
    }
}
