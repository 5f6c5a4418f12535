package dev.ecsd.agent.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in Docker Engine on a unix socket, for tests of how the runtime copes with engines that hang, drop
 * streams or answer oddly. Each connection's request line goes to the handler, which writes the raw response.
 */
final class FakeEngine implements AutoCloseable {
    /** Answers one request: {@code requestLine} is e.g. {@code GET /version HTTP/1.1}. */
    interface Handler {
        void answer(String requestLine, OutputStream response, SocketChannel connection) throws Exception;
    }

    private final Path directory;
    private final Path socket;
    private final ServerSocketChannel server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeEngine(Handler handler) throws IOException {
        directory = Files.createTempDirectory("ecsd-fake-engine");
        socket = directory.resolve("docker.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel connection = server.accept();
                    connections.add(connection);
                    Thread.ofVirtual().start(() -> serve(connection, handler));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(SocketChannel connection, Handler handler) {
        try {
            InputStream in = Channels.newInputStream(connection);
            String requestLine = readHead(in);
            requestLines.add(requestLine);
            handler.answer(requestLine, Channels.newOutputStream(connection), connection);
        } catch (Exception e) {
            // the test decides how connections end
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int c; matched < 4 && (c = in.read()) >= 0; ) {
            head.write(c);
            matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, Math.max(0, text.indexOf("\r\n")));
    }

    URI host() {
        return URI.create("unix://" + socket);
    }

    List<String> requestLines() {
        return requestLines;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes one chunk of a chunked body. */
    static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(out, Integer.toHexString(bytes.length) + "\r\n");
        out.write(bytes);
        write(out, "\r\n");
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        for (SocketChannel connection : connections) {
            connection.close();
        }
        Files.deleteIfExists(socket);
        Files.deleteIfExists(directory);
    }
}
