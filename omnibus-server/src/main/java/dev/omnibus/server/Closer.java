package dev.omnibus.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers what was started and closes it in reverse order. Each close runs even if an earlier one failed, so a
 * stuck listener cannot keep the store from being flushed.
 */
final class Closer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);
    private final Deque<Step> steps = new ArrayDeque<>();
    private final long createdNanos = System.nanoTime();

    private record Step(String name, AutoCloseable resource) {
    }

    /** Adds a started resource; the debug log shows how far into the start each one was ready. */
    <T extends AutoCloseable> T register(String name, T resource) {
        steps.push(new Step(name, resource));
        LOG.debug("Started {} at +{} ms", name, elapsedMillis());
        return resource;
    }

    /** Milliseconds since this closer was created, that is since the start began. */
    long elapsedMillis() {
        return (System.nanoTime() - createdNanos) / 1_000_000;
    }

    @Override
    public void close() {
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.resource().close();
                LOG.debug("Stopped {}", step.name());
            } catch (Exception e) {
                LOG.error("Stopping {} failed", step.name(), e);
            }
        }
    }
}
