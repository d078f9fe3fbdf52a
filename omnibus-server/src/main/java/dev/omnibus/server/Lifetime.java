package dev.omnibus.server;

import java.util.concurrent.CountDownLatch;

/** How long {@link Main} keeps a started server running. */
@FunctionalInterface
interface Lifetime {
    /** Returns when the server should stop; the caller then closes it. */
    void awaitStop(OmnibusServer server) throws InterruptedException;

    /**
     * Until the JVM is asked to exit (Ctrl+C, SIGTERM): the shutdown hook closes the server itself, because the JVM
     * does not wait for the main thread, and only then releases it.
     */
    static Lifetime untilJvmShutdown() {
        return server -> {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "omnibus-shutdown"));
            stopped.await();
        };
    }
}
