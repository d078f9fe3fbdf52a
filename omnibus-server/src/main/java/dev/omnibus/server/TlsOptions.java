package dev.omnibus.server;

import java.nio.file.Path;

/**
 * The optional TLS listeners and their one certificate. HTTPS serves the HTTP routes (health, management) for clients
 * that insist on {@code https}, and AMQP over WebSockets ({@code wss://host:port/$servicebus/websocket/}); AMQPS is
 * AMQP over TLS, what the SDKs use without {@code UseDevelopmentEmulator=true}. Both are off by default. Without
 * certificate files a self-signed certificate for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the bind host
 * is generated, which {@code exportCertificate} writes as PEM so clients can trust it.
 *
 * @param httpsPort the HTTPS port, 0 for a free one, or {@link #DISABLED_PORT}
 * @param amqpsPort the AMQPS port, 0 for a free one, or {@link #DISABLED_PORT}
 * @param certificateFile a PEM certificate (chain), or null to generate one
 * @param keyFile the PEM private key of {@code certificateFile}, or null
 * @param exportCertificate where to write the certificate in use as PEM, or null
 */
public record TlsOptions(int httpsPort, int amqpsPort, Path certificateFile, Path keyFile, Path exportCertificate) {
    public static final int DISABLED_PORT = -1;
    /** The Service Bus AMQPS port, used when AMQPS is switched on without a port. */
    public static final int DEFAULT_AMQPS_PORT = 5671;

    public TlsOptions {
        requirePort("httpsPort", httpsPort);
        requirePort("amqpsPort", amqpsPort);
        if ((certificateFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a TLS certificate file needs its key file, and the other way round");
        }
        // The parameters, not enabled(): the fields are assigned only after this block.
        boolean anyListener = httpsPort != DISABLED_PORT || amqpsPort != DISABLED_PORT;
        if (!anyListener && (certificateFile != null || exportCertificate != null)) {
            throw new IllegalArgumentException("TLS certificate options need an HTTPS or AMQPS port");
        }
    }

    /** No TLS listener. */
    public static TlsOptions disabled() {
        return new TlsOptions(DISABLED_PORT, DISABLED_PORT, null, null, null);
    }

    /** HTTPS on {@code port} with a generated certificate. */
    public static TlsOptions https(int port) {
        return disabled().withHttpsPort(port);
    }

    /** AMQPS on {@code port} with a generated certificate. */
    public static TlsOptions amqps(int port) {
        return disabled().withAmqpsPort(port);
    }

    public boolean httpsEnabled() {
        return httpsPort != DISABLED_PORT;
    }

    public boolean amqpsEnabled() {
        return amqpsPort != DISABLED_PORT;
    }

    /** Whether any TLS listener, and so a certificate, is needed. */
    public boolean enabled() {
        return httpsEnabled() || amqpsEnabled();
    }

    public TlsOptions withHttpsPort(int port) {
        return new TlsOptions(port, amqpsPort, certificateFile, keyFile, exportCertificate);
    }

    public TlsOptions withAmqpsPort(int port) {
        return new TlsOptions(httpsPort, port, certificateFile, keyFile, exportCertificate);
    }

    public TlsOptions withCertificate(Path certificate, Path key) {
        return new TlsOptions(httpsPort, amqpsPort, certificate, key, exportCertificate);
    }

    public TlsOptions withExport(Path file) {
        return new TlsOptions(httpsPort, amqpsPort, certificateFile, keyFile, file);
    }

    private static void requirePort(String name, int port) {
        if (port < DISABLED_PORT || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
    }
}
