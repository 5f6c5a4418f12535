package dev.ecsd.lb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request as routing sees it, written out by a test. Header names are matched in any case. */
record FakeRequest(String host, String path, String query, String method, Map<String, List<String>> headers,
        String sourceAddress, int listenerPort) implements RequestView {

    static FakeRequest get(String host, String path) {
        return new FakeRequest(host, path, "", "GET", Map.of(), "127.0.0.1", 80);
    }

    FakeRequest withQuery(String newQuery) {
        return new FakeRequest(host, path, newQuery, method, headers, sourceAddress, listenerPort);
    }

    FakeRequest withMethod(String newMethod) {
        return new FakeRequest(host, path, query, newMethod, headers, sourceAddress, listenerPort);
    }

    FakeRequest withHeader(String name, String value) {
        Map<String, List<String>> copy = new java.util.HashMap<>(headers);
        copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        return new FakeRequest(host, path, query, method, copy, sourceAddress, listenerPort);
    }

    FakeRequest from(String address) {
        return new FakeRequest(host, path, query, method, headers, address, listenerPort);
    }

    FakeRequest onPort(int port) {
        return new FakeRequest(host, path, query, method, headers, sourceAddress, port);
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
