package dev.omnibus.server;

/** The server could not start for a reason outside the configuration: a port in use, a data directory locked. */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
