package dev.ecsd.lb;

import java.util.Map;

/**
 * The small HTML pages ALB answers with when it answers by itself (errors, redirects), and the {@code Server}
 * header it sends with them. Clients and monitoring look for these exact texts.
 */
final class AlbPages {
    public static final String SERVER = "awselb/2.0";
    public static final String CONTENT_TYPE = "text/html";

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(301, "Moved Permanently"),
            Map.entry(302, "Found"),
            Map.entry(400, "Bad Request"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Time-out"),
            Map.entry(413, "Request Entity Too Large"),
            Map.entry(414, "Request-URI Too Large"),
            Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Temporarily Unavailable"),
            Map.entry(504, "Gateway Time-out"),
            Map.entry(505, "HTTP Version Not Supported"));

    private AlbPages() {
    }

    public static String page(int status) {
        String title = status + " " + REASONS.getOrDefault(status, "Error");
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n";
    }
}
