package dev.omnibus.client.implementation;

import java.time.Instant;

/**
 * A token to put on {@code $cbs}.
 *
 * @param token the token text
 * @param type the CBS token type, e.g. {@code servicebus.windows.net:sastoken}
 * @param expiresAt when the service stops accepting it
 */
public record AccessToken(String token, String type, Instant expiresAt) {
}
