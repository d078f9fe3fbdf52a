/**
 * An Omnibus broker for tests: {@link dev.omnibus.testkit.EmbeddedBroker} runs one in-process, and
 * {@link dev.omnibus.testkit.OmnibusBroker} / {@link dev.omnibus.testkit.OmnibusBrokerExtension} manage one per test
 * class (or per test) in JUnit 5. API package.
 */
package dev.omnibus.testkit;
