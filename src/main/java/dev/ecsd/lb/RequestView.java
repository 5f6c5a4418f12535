package dev.ecsd.lb;

import java.util.List;

/**
 * What the routing decision reads of a request: rule conditions match against it and redirects rebuild their
 * location from it. The listener answers it from Jetty's request; tests answer it from a record.
 */
interface RequestView {

    /** The Host header without its port, as the client sent it (empty when there is none). */
    String host();

    /** The path of the request target, without its query, as sent. */
    String path();

    /** The query string without its {@code ?}, as sent (empty when there is none). */
    String query();

    String method();

    /** Every value of the header named {@code name} (any case), in order. */
    List<String> headerValues(String name);

    /** The client's address, an IP literal. */
    String sourceAddress();

    /** The listener port the request arrived on. */
    int listenerPort();

    /** The query's parameters, percent-decoded; a parameter without {@code =} has an empty value. */
    default List<QueryParameter> queryParameters() {
        return QueryParameter.parse(query());
    }
}
