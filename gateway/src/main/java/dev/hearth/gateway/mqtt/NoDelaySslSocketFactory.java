package dev.hearth.gateway.mqtt;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * {@link NoDelaySocketFactory} for {@code ssl://}: Paho refuses any factory for TLS that is not an
 * {@link SSLSocketFactory} (reason code 32105), so this one is.
 */
final class NoDelaySslSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    NoDelaySslSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
}
