/**
 * The composition root: {@link dev.omnibus.server.OmnibusServer} chooses the store, clock, mailbox pool and
 * listeners and wires them; {@link dev.omnibus.server.Main} is the command line over it. API for embedding
 * ({@code OmnibusServer}, {@code ServerOptions}); everything else is internal.
 *
 * <p>Threads: {@code start} and {@code close} run on the caller's thread (close also on the JVM shutdown hook and is
 * idempotent); the readiness flag is volatile and read by the HTTP event loop.
 */
package dev.omnibus.server;
