package dev.ecsd.agent.runtime;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * docker-java's transport, written on the JDK's {@link SocketChannel} (unix socket or plain TCP), one
 * connection per request. Unlike the JNA socket of docker-java's own transports, a blocked read here ends
 * when its thread is interrupted or its response is closed, so a call the engine never answers can be
 * abandoned without leaking a thread or a connection.
 */
final class EngineHttpClient implements DockerHttpClient {
    private final URI host;

    EngineHttpClient(URI host) {
        String scheme = host.getScheme();
        if (!"unix".equals(scheme) && !"tcp".equals(scheme)) {
            throw new IllegalArgumentException("a Docker host is unix:///path or tcp://host:port, not " + host);
        }
        this.host = host;
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            throw new UnsupportedOperationException("attaching to a container's input is not supported");
        }
        SocketChannel channel = connect();
        try {
            writeRequest(channel, request);
            return readResponse(channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("the Docker Engine at " + host + " broke off " + request.method() + " "
                        + request.path() + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public void close() {
        // one connection per request: nothing is pooled
    }

    private SocketChannel connect() {
        try {
            if ("unix".equals(host.getScheme())) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    channel.connect(UnixDomainSocketAddress.of(host.getPath()));
                } catch (IOException e) {
                    closeQuietly(channel);
                    throw e;
                }
                return channel;
            }
            return SocketChannel.open(new InetSocketAddress(host.getHost(), host.getPort()));
        } catch (IOException e) {
            throw new RuntimeFailure(RuntimeFailure.Kind.UNAVAILABLE,
                    "the Docker Engine is not reachable at " + host + " (" + e.getMessage()
                            + "); is dockerd running, and is DOCKER_HOST right?", e);
        }
    }

    private static void writeRequest(SocketChannel channel, Request request) throws IOException {
        byte[] bodyBytes = request.bodyBytes();
        InputStream bodyStream = bodyBytes == null ? request.body() : null;
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                .append("Host: docker\r\n")
                .append("Connection: close\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (bodyStream != null) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else {
            head.append("Content-Length: ").append(bodyBytes == null ? 0 : bodyBytes.length).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = Channels.newOutputStream(channel);
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (bodyBytes != null) {
            out.write(bodyBytes);
        } else if (bodyStream != null) {
            try (bodyStream) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = bodyStream.read(buffer)) >= 0; ) {
                    if (n > 0) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(buffer, 0, n);
                        out.write(CRLF);
                    }
                }
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private Response readResponse(SocketChannel channel) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("the connection closed before a response");
        }
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int statusCode = Integer.parseInt(status[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        InputStream body;
        String transferEncoding = first(headers, "Transfer-Encoding");
        String contentLength = first(headers, "Content-Length");
        if (statusCode == 204 || statusCode == 304) {
            body = InputStream.nullInputStream();
        } else if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new ChunkedInputStream(in);
        } else if (contentLength != null) {
            body = new BoundedInputStream(in, Long.parseLong(contentLength));
        } else {
            body = in;
        }
        return new ChannelResponse(channel, statusCode, headers, body);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** A CRLF- (or LF-) terminated line, without its terminator; null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.write(c);
        }
        if (c < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    private record ChannelResponse(SocketChannel channel, int statusCode, Map<String, List<String>> headers,
                                   InputStream body) implements Response {
        @Override
        public int getStatusCode() {
            return statusCode;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public String getHeader(String name) {
            return first(headers, name);
        }

        @Override
        public InputStream getBody() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    return body.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return body.read(buffer, offset, length);
                }

                @Override
                public int available() throws IOException {
                    return body.available();
                }

                @Override
                public void close() {
                    ChannelResponse.this.close();
                }
            };
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    /** The body of a response with a Content-Length. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                remaining--;
            }
            return c;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    /** The body of a response sent with {@code Transfer-Encoding: chunked}. */
    static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private long chunkRemaining;
        private boolean started;
        private boolean finished;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!nextChunk()) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, chunkRemaining));
            if (n < 0) {
                throw new IOException("the response ended inside a chunk");
            }
            chunkRemaining -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return finished ? 0 : (int) Math.min(in.available(), chunkRemaining);
        }

        /** Positions at data of a chunk; false at the end of the body. */
        private boolean nextChunk() throws IOException {
            if (finished) {
                return false;
            }
            if (chunkRemaining > 0) {
                return true;
            }
            if (started) {
                readLine(in); // the CRLF that ends the previous chunk
            }
            started = true;
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("the response ended before its last chunk");
            }
            int extension = sizeLine.indexOf(';');
            String size = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim();
            chunkRemaining = Long.parseLong(size, 16);
            if (chunkRemaining == 0) {
                for (String trailer; (trailer = readLine(in)) != null && !trailer.isEmpty(); ) {
                    // trailers carry nothing we need
                }
                finished = true;
                return false;
            }
            return true;
        }
    }
}
