package dev.omnibus.client.implementation.admin;

import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.implementation.TokenProvider;
import java.net.URI;

/**
 * Everything an administration client needs, resolved by its builder.
 *
 * @param endpoint the base URL requests go to, ending in {@code /}: {@code https://host/} for Azure,
 *                 {@code http://host:5300/} for Omnibus and the emulator, or what the user set
 * @param namespaceHost the namespace's host name: token audiences and forwarding URLs use it
 * @param tokens signs a SAS token per audience ({@code https://host/path})
 * @param retry retries of transient failures and the timeout of one try
 */
public record AdminConfig(URI endpoint, String namespaceHost, TokenProvider tokens, RetryOptions retry) {
}
