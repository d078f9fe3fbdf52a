package dev.omnibus.it.tls;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** Trust stores holding the certificate a server exported as PEM, as an application or an SDK would be given it. */
public final class TrustStores {
    private TrustStores() {
    }

    /** An in-memory PKCS#12 store trusting the PEM's certificate. */
    public static KeyStore trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry("omnibus", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return store;
    }

    /** Writes {@link #trusting} to {@code file}, protected by {@code password}; returns the file. */
    public static Path write(Path pem, Path file, String password) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            trusting(pem).store(out, password.toCharArray());
        }
        return file;
    }
}
