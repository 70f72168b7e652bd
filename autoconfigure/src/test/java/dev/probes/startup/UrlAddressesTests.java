package dev.probes.startup;

import java.net.InetSocketAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host and port behind a dependency's URL, with each scheme's default port.
 */
class UrlAddressesTests {

	@ParameterizedTest
	@CsvSource({ "http://payments/readyz, payments, 80", "https://payments:8443/readyz, payments, 8443",
			"redis://cache:6380, cache, 6380", "redis://:secret@cache, cache, 6379",
			"rediss://cache.example, cache.example, 6379", "amqp://guest:guest@broker:5673/vhost, broker, 5673",
			"amqp://broker, broker, 5672", "amqps://broker, broker, 5671" })
	void readsHostAndPortWithTheSchemesDefault(String url, String host, int port) {
		assertThat(UrlAddresses.of(url)).isEqualTo(InetSocketAddress.createUnresolved(host, port));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://cache:21", "cache:6379", "redis:///0", "http://[bad" })
	void isNullWithoutAHostOrForAnotherScheme(String url) {
		assertThat(UrlAddresses.of(url)).isNull();
	}

}
