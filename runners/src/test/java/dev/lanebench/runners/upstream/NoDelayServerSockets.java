package dev.lanebench.runners.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections have Nagle off, so a MockWebServer playing an instant model does not
 * add its own ~40 ms delayed-ACK stall to what a benchmark measures.
 */
public final class NoDelayServerSockets extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelay();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        NoDelay s = new NoDelay();
        s.bind(new java.net.InetSocketAddress(port));
        return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        NoDelay s = new NoDelay();
        s.bind(new java.net.InetSocketAddress(port), backlog);
        return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        NoDelay s = new NoDelay();
        s.bind(new java.net.InetSocketAddress(address, port), backlog);
        return s;
    }

    private static final class NoDelay extends ServerSocket {
        NoDelay() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket s = new Socket();
            implAccept(s);
            s.setTcpNoDelay(true);
            return s;
        }
    }
}
