package dev.omnibus.server.config;

/**
 * A configuration file the server cannot use. The message names the JSON path of the offending value, e.g.
 * {@code UserConfig.Namespaces[0].Queues[1].Properties.LockDuration}, so the user can find it without a stack trace.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public ConfigException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public ConfigException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** Where in the document the problem is. */
    public String path() {
        return path;
    }
}
