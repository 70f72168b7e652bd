package dev.probes.check;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context that trusts the certificates of a PEM file, and only them: the service
 * account's {@code ca.crt}, which signed the Kubernetes API server's certificate.
 */
final class PemTrust {

	private PemTrust() {
	}

	/**
	 * Create a TLS context that trusts the given certificates.
	 * @param pem one or more PEM certificates, as in {@code ca.crt}
	 * @return the context
	 * @throws GeneralSecurityException when the text holds no certificate or a malformed
	 * one
	 */
	static SSLContext sslContext(byte[] pem) throws GeneralSecurityException {
		Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(pem));
		if (certificates.isEmpty()) {
			throw new GeneralSecurityException("no certificate in the CA file");
		}
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		try {
			trusted.load(null, null);
		}
		catch (IOException ex) {
			throw new GeneralSecurityException(ex);
		}
		int index = 0;
		for (Certificate certificate : certificates) {
			trusted.setCertificateEntry("ca-" + index++, certificate);
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		return context;
	}

}
