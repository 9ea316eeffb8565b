package io.shopstreams.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free local ports. */
final class Ports {

    private Ports() {
    }

    /**
     * {@code count} distinct ports free on 127.0.0.1 right now. All sockets stay open until every port is
     * picked, so the ports are distinct; another process may still take one before the broker binds it.
     */
    static List<Integer> free(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(NodeSpec.HOST));
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot release probe socket " + socket, e);
                }
            }
        }
    }
}
