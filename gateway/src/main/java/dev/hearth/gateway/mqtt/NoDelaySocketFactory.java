package dev.hearth.gateway.mqtt;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Sockets with Nagle's algorithm off, made by a plain or TLS factory. Paho leaves Nagle on: a
 * command written while the broker's acknowledgement of the previous packet is still delayed waits
 * for it, ~40 ms on Linux, on every automation's round trip (measured by bench/).
 */
final class NoDelaySocketFactory extends SocketFactory {
    private final SocketFactory delegate;

    NoDelaySocketFactory(SocketFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
