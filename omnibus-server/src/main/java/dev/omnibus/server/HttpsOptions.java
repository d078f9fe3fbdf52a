package dev.omnibus.server;

import java.nio.file.Path;

/**
 * The optional HTTPS listener: the same routes as HTTP (health, management) over TLS, for clients that insist on
 * {@code https}. Without certificate files it generates a self-signed certificate for {@code localhost} and the
 * bind host, which {@code exportCertificate} writes as PEM so clients can trust it.
 *
 * @param port the port, 0 for a free one, or {@link #DISABLED_PORT} for no HTTPS listener
 * @param certificateFile a PEM certificate (chain), or null to generate one
 * @param keyFile the PEM private key of {@code certificateFile}, or null
 * @param exportCertificate where to write the certificate in use as PEM, or null
 */
public record HttpsOptions(int port, Path certificateFile, Path keyFile, Path exportCertificate) {
    public static final int DISABLED_PORT = -1;

    public HttpsOptions {
        if (port < DISABLED_PORT || port > 65_535) {
            throw new IllegalArgumentException("httpsPort must be between 0 and 65535, was " + port);
        }
        if ((certificateFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a TLS certificate file needs its key file, and the other way round");
        }
        if (port == DISABLED_PORT && (certificateFile != null || exportCertificate != null)) {
            throw new IllegalArgumentException("TLS certificate options need an HTTPS port");
        }
    }

    public static HttpsOptions disabled() {
        return new HttpsOptions(DISABLED_PORT, null, null, null);
    }

    /** HTTPS on {@code port} with a generated certificate. */
    public static HttpsOptions generated(int port) {
        return new HttpsOptions(port, null, null, null);
    }

    public boolean enabled() {
        return port != DISABLED_PORT;
    }

    public HttpsOptions withCertificate(Path certificate, Path key) {
        return new HttpsOptions(port, certificate, key, exportCertificate);
    }

    public HttpsOptions withExport(Path file) {
        return new HttpsOptions(port, certificateFile, keyFile, file);
    }
}
