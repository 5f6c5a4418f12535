package dev.ecsd.lb;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 response read off a socket by hand, for tests that must see the framing itself (chunks, the
 * connection staying open). Bodies are small ASCII text.
 */
record RawResponse(String statusLine, Map<String, String> headers, String body) {

    static RawResponse read(BufferedReader in) throws IOException {
        String statusLine = in.readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        StringBuilder body = new StringBuilder();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(in.readLine().trim(), 16); size > 0;
                    size = Integer.parseInt(in.readLine().trim(), 16)) {
                body.append(read(in, size));
                in.readLine();
            }
            in.readLine();
        } else if (headers.containsKey("content-length")) {
            body.append(read(in, Integer.parseInt(headers.get("content-length"))));
        }
        return new RawResponse(statusLine, headers, body.toString());
    }

    private static String read(BufferedReader in, int length) throws IOException {
        char[] chars = new char[length];
        int read = 0;
        while (read < length) {
            int count = in.read(chars, read, length - read);
            if (count < 0) {
                throw new IOException("the response ended after " + read + " of " + length + " characters");
            }
            read += count;
        }
        return new String(chars);
    }
}
