/**
 * Microsoft Service Bus emulator {@code Config.json}: {@link dev.omnibus.server.config.ConfigLoader} checks a file
 * completely (errors name the JSON path) and {@link dev.omnibus.server.config.ConfigApplier} makes the namespaces'
 * queues, topics, subscriptions and rules match it (the first namespace is the default one). Runs once, on the
 * thread that starts the server; nothing here is shared afterwards.
 */
package dev.omnibus.server.config;
