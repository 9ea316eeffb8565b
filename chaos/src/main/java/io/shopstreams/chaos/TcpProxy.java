package io.shopstreams.chaos;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of one broker listener, so that the harness can cut one service instance off the
 * cluster without touching the instance: {@link #partition()} drops every connection and refuses new ones
 * (accepted, then closed at once, as a firewall that resets would); {@link #heal()} forwards again.
 * Two threads per connection pump bytes each way. Thread-safe.
 */
final class TcpProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile InetSocketAddress target;
    private volatile boolean partitioned;
    private volatile boolean closed;

    /** Listens on a free port of 127.0.0.1 right away; forwards once {@link #forwardTo} names the target. */
    TcpProxy() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for the proxy", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void forwardTo(int targetPort) {
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    }

    /** Stops forwarding: every open connection is closed, new ones are closed as soon as accepted. */
    void partition() {
        partitioned = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    void heal() {
        partitioned = false;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        partition();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (partitioned || target == null) {
                    closeQuietly(client);
                } else {
                    connect(client);
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("proxy on port {} cannot accept: {}", port(), e.toString());
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 2000);
        } catch (IOException e) {
            // The broker behind is down (killed by the harness): the client sees a closed connection.
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while (!partitioned && (read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side closed, or partition() closed both: the normal end of a connection.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-" + port() + "-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing {} failed: {}", closeable, e.toString());
        }
    }
}
