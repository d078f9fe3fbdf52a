package dev.omnibus.client.implementation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS trust a client is told to use: the certificates of a PEM file (a self-signed server certificate,
 * such as the one an Omnibus server exports, or a private CA bundle), instead of the JVM's trust store.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /**
     * A context that trusts exactly the certificates in a PEM (or DER) file.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public static SSLContext trusting(Path certificates) {
        Collection<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(certificates)) {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read certificates from " + certificates + ": " + e.getMessage(),
                    e);
        }
        if (read.isEmpty()) {
            throw new IllegalArgumentException(certificates + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : read) {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS trust: " + e.getMessage(), e);
        }
    }
}
