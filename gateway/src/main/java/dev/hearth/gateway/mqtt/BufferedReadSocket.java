package dev.hearth.gateway.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A plain socket whose input stream is buffered. Paho reads each packet's fixed header a byte at a time from
 * the stream it is given (an unbuffered {@code DataInputStream}), a system call per byte; with a buffer one
 * read brings a whole packet, or many under load. A read timed out (Paho's 1 s socket timeout while idle)
 * leaves the buffer as it was, so Paho's resumed read loses nothing.
 */
final class BufferedReadSocket extends Socket {
    private static final int BUFFER_BYTES = 8192;

    private InputStream buffered;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (buffered == null) buffered = new BufferedInputStream(super.getInputStream(), BUFFER_BYTES);
        return buffered;
    }
}
