package dev.omnibus.client;

/**
 * An error a {@link ServiceBusProcessor} reports to its error handler. The processor keeps running after it.
 */
public final class ProcessErrorContext {
    private final Throwable exception;
    private final ServiceBusErrorSource errorSource;
    private final String entityPath;
    private final String fullyQualifiedNamespace;

    ProcessErrorContext(Throwable exception, ServiceBusErrorSource errorSource, String entityPath,
                        String fullyQualifiedNamespace) {
        this.exception = exception;
        this.errorSource = errorSource;
        this.entityPath = entityPath;
        this.fullyQualifiedNamespace = fullyQualifiedNamespace;
    }

    /** @return the error: a {@code ServiceBusException}, or what the message handler threw */
    public Throwable getException() {
        return exception;
    }

    /** @return where the error came from */
    public ServiceBusErrorSource getErrorSource() {
        return errorSource;
    }

    /** @return the entity the processor receives from */
    public String getEntityPath() {
        return entityPath;
    }

    /** @return the namespace host */
    public String getFullyQualifiedNamespace() {
        return fullyQualifiedNamespace;
    }

    @Override
    public String toString() {
        return "ProcessErrorContext{source=" + errorSource + ", entity=" + entityPath + ", exception=" + exception
                + "}";
    }
}
