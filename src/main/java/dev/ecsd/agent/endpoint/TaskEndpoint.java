package dev.ecsd.agent.endpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The agent's task endpoint listener on 127.0.0.1, where the host redirects its containers' requests to
 * 169.254.170.2:80 (as the ECS agent listens on 127.0.0.1:51679). Answers with {@link TaskEndpointRoutes}.
 */
public final class TaskEndpoint implements AutoCloseable {
    public static final String HOST = "127.0.0.1";

    private final Server server;
    private final ServerConnector connector;

    public TaskEndpoint(int port, TaskEndpointRoutes routes) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("ecsd-task-endpoint");
        VirtualThreadPool virtualThreads = new VirtualThreadPool();
        virtualThreads.setName("ecsd-task-endpoint-request");
        threads.setVirtualThreadsExecutor(virtualThreads);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(HOST);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                // only a PUT of task protection has a body, and a small one
                String body = "PUT".equals(request.getMethod())
                        ? Content.Source.asString(request, StandardCharsets.UTF_8) : "";
                TaskEndpointRoutes.Answer answer = routes.answer(request.getMethod(), request.getHttpURI().getPath(),
                        Request.getRemoteAddr(request), body);
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(answer.body().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port it listens on (the one picked when asked for 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping at shutdown: nothing to do about it
        }
    }
}
