package dev.omnibus.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Client-side TLS for tests: a context that trusts one certificate, and sockets that check the host name. */
public final class TrustingClient {
    private TrustingClient() {
    }

    /** Trusts exactly this certificate (and nothing from the JVM's trust store). */
    public static SSLContext trusting(Certificate certificate) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("omnibus", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Trusts the certificate in an exported PEM file. */
    public static SSLContext trusting(Path pem) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return trusting(CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    /**
     * A connected TLS socket to {@code host:port} that checks the server's name as HTTPS clients do; the handshake
     * happens on first use or {@link SSLSocket#startHandshake()}.
     */
    public static SSLSocket connect(SSLContext context, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(5_000);
        return socket;
    }
}
