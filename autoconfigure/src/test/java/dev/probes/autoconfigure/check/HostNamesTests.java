package dev.probes.autoconfigure.check;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.probes.check.DependencyDeclaration;
import dev.probes.check.InvalidPropertyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What counts as a host: names and addresses, IPv6 ones included, but no URL and no port
 * (the reports themselves are in ConfigurationErrorsTests).
 */
class HostNamesTests {

	@Test
	void requireWhenNameOrAddressReturnsItStripped() {
		assertThat(HostNames.require(declaration(), "redis", "port")).isEqualTo("redis");
		assertThat(HostNames.require(declaration(), " redis.cache.svc.cluster.local. ", "port"))
			.isEqualTo("redis.cache.svc.cluster.local.");
		assertThat(HostNames.require(declaration(), "10.0.0.5", "port")).isEqualTo("10.0.0.5");
		assertThat(HostNames.require(declaration(), "::1", "port")).isEqualTo("::1");
		assertThat(HostNames.require(declaration(), "fe80::1:6379", "port")).isEqualTo("fe80::1:6379");
		assertThat(HostNames.require(declaration(), "[::1]", "port")).isEqualTo("[::1]");
	}

	@Test
	void requireWhenBracketedAddressWithPortSplitsThem() {
		assertThatExceptionOfType(InvalidPropertyException.class)
			.isThrownBy(() -> HostNames.require(declaration(), "[::1]:6379", "port"))
			.withMessage("Invalid 'probes.dependencies.cache.host': '[::1]:6379' includes a port")
			.extracting(InvalidPropertyException::getAction)
			.isEqualTo("Set 'probes.dependencies.cache.host' to ::1 and 'probes.dependencies.cache.port' to 6379.");
	}

	@Test
	void requireWhenUrlCarriesCredentialsDoesNotRepeatThem() {
		assertThatExceptionOfType(InvalidPropertyException.class)
			.isThrownBy(() -> HostNames.require(declaration(), "redis://user:hunter22@redis:6379", "port"))
			.withMessageNotContaining("hunter22")
			.extracting(InvalidPropertyException::getAction)
			.isEqualTo("Set 'probes.dependencies.cache.host' to redis and 'probes.dependencies.cache.port' to 6379.");
	}

	@Test
	void requireWhenSpaceOrSlashInsideRejectsIt() {
		assertThatExceptionOfType(InvalidPropertyException.class)
			.isThrownBy(() -> HostNames.require(declaration(), "redis cache", "port"))
			.withMessage("Invalid 'probes.dependencies.cache.host': 'redis cache' is not a host name or address");
		assertThatExceptionOfType(InvalidPropertyException.class)
			.isThrownBy(() -> HostNames.require(declaration(), "redis/0", "port"))
			.withMessageContaining("is not a host name or address");
	}

	private static DependencyDeclaration<TcpCheckProperties> declaration() {
		return new DependencyDeclaration<>("cache", "tcp", Duration.ofSeconds(1), new TcpCheckProperties());
	}

}
