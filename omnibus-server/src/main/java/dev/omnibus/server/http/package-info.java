/**
 * The HTTP listener: one Netty event loop, a {@link dev.omnibus.server.http.HttpRouter} of
 * {@link dev.omnibus.server.http.HttpRoute}s (health today; the management ATOM API is the next route family).
 * Routes run on the event loop and must not block: they return a stage and complete it from wherever the work ends.
 */
package dev.omnibus.server.http;
