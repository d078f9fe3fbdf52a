package dev.omnibus.server;

/** A started network listener, as the composition root needs to see it. */
public interface Listener extends AutoCloseable {
    /** The bound port (the real one when started on port 0). */
    int port();

    /** Stops listening and closes its connections. */
    @Override
    void close();
}
