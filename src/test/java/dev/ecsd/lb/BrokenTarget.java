package dev.ecsd.lb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A target on 127.0.0.1 that misbehaves in one way on every connection, read by hand so it can. */
final class BrokenTarget implements AutoCloseable {
    enum Behaviour {
        /** Reads the request, then closes the connection without a word. */
        CLOSES,
        /** Reads the request, then answers something that is not HTTP. */
        ANSWERS_GARBAGE,
        /** Reads the request and never answers. */
        STAYS_SILENT
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    BrokenTarget(Behaviour behaviour) {
        this.behaviour = behaviour;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("broken-target").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // the request head is read and ignored
            }
            switch (behaviour) {
                case CLOSES -> socket.close();
                case ANSWERS_GARBAGE -> {
                    socket.getOutputStream().write("nonsense\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.close();
                }
                case STAYS_SILENT -> {
                    // the connection stays open until the proxy or the test closes it
                }
            }
        } catch (IOException e) {
            // the other side went away
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : connections) {
                socket.close();
            }
        } catch (IOException e) {
            // closing after a test
        }
    }
}
