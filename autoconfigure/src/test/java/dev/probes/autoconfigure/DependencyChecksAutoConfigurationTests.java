package dev.probes.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.probes.check.CheckResult;
import dev.probes.check.DependencyCheck;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.CheckSettings;
import dev.probes.engine.DependencyMonitor;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyChecksAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class));

	@Test
	void runWithoutDependenciesRegistersIdleScheduler() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CheckScheduler.class);
			assertThat(context.getBean(CheckScheduler.class).monitors()).isEmpty();
		});
	}

	@Test
	void runWhenTcpDependencyDeclaredAppliesDefaults() {
		this.contextRunner.withPropertyValues("probes.dependencies.cache.type=tcp",
				"probes.dependencies.cache.host=127.0.0.1", "probes.dependencies.cache.port=6379")
			.run((context) -> {
				DependencyMonitor monitor = context.getBean(CheckScheduler.class).monitor("cache").orElseThrow();
				assertThat(monitor.type()).isEqualTo("tcp");
				assertThat(monitor.settings()).isEqualTo(new CheckSettings(true, Duration.ofSeconds(10),
						Duration.ofSeconds(2), Duration.ofSeconds(2), 1, 1, Duration.ofSeconds(30)));
			});
	}

	@Test
	void runWhenEveryCommonKeySetBindsIt() {
		this.contextRunner.withPropertyValues("probes.dependencies.cache.type=tcp",
				"probes.dependencies.cache.host=127.0.0.1", "probes.dependencies.cache.port=6379",
				"probes.dependencies.cache.critical=false", "probes.dependencies.cache.interval=1s",
				"probes.dependencies.cache.interval-when-down=500ms", "probes.dependencies.cache.timeout=300ms",
				"probes.dependencies.cache.failure-threshold=3", "probes.dependencies.cache.success-threshold=2",
				"probes.dependencies.cache.max-staleness=7s")
			.run((context) -> assertThat(context.getBean(CheckScheduler.class).monitor("cache").orElseThrow().settings())
				.isEqualTo(new CheckSettings(false, Duration.ofSeconds(1), Duration.ofMillis(500),
						Duration.ofMillis(300), 3, 2, Duration.ofSeconds(7))));
	}

	@Test
	void runWhenTimeoutLongComparedToIntervalKeepsMaxStalenessAboveASlowAttempt() {
		this.contextRunner.withPropertyValues("probes.dependencies.cache.type=tcp",
				"probes.dependencies.cache.host=127.0.0.1", "probes.dependencies.cache.port=6379",
				"probes.dependencies.cache.interval=1s", "probes.dependencies.cache.timeout=5s")
			.run((context) -> assertThat(
					context.getBean(CheckScheduler.class).monitor("cache").orElseThrow().settings().maxStaleness())
				.isEqualTo(Duration.ofSeconds(11)));
	}

	@Test
	void runWhenDisabledRegistersNothing() {
		this.contextRunner.withPropertyValues("probes.enabled=false", "probes.dependencies.cache.type=tcp")
			.run((context) -> assertThat(context).doesNotHaveBean(CheckScheduler.class)
				.doesNotHaveBean(ProbesProperties.class));
	}

	@Test
	void runWhenUserDefinesSchedulerBacksOff() {
		this.contextRunner.withUserConfiguration(UserSchedulerConfiguration.class)
			.withPropertyValues("probes.dependencies.cache.type=unknown-type")
			.run((context) -> assertThat(context).hasSingleBean(CheckScheduler.class)
				.getBean(CheckScheduler.class)
				.isSameAs(context.getBean(UserSchedulerConfiguration.class).scheduler));
	}

	@Test
	void runWhenUserDefinesFactoryForOwnTypeUsesIt() {
		this.contextRunner.withUserConfiguration(CustomTypeConfiguration.class)
			.withPropertyValues("probes.dependencies.ledger.type=ledger")
			.run((context) -> assertThat(context.getBean(CheckScheduler.class).monitor("ledger").orElseThrow().type())
				.isEqualTo("ledger"));
	}

	@Test
	void runWhenJdbcDependencyDeclaredUsesApplicationDataSource() {
		withApplicationDatabase().withPropertyValues("probes.dependencies.postgres.type=jdbc")
			.run((context) -> assertThat(context.getBean(CheckScheduler.class).monitor("postgres")).isPresent());
	}

	@Test
	void runWhenJdbcDependencyOnHikariPoolChecksDatabaseWithoutBorrowingFromPool() {
		withApplicationDatabase()
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=1", "probes.dependencies.postgres.type=jdbc")
			.run((context) -> {
				HikariDataSource pool = context.getBean(HikariDataSource.class);
				DependencyCheck check = context.getBean(CheckScheduler.class).monitor("postgres").orElseThrow().check();
				CheckResult unstarted = check.check(Duration.ofSeconds(2));
				assertThat(unstarted.up()).isTrue();
				assertThat(unstarted.details()).containsEntry("pool", "not started");
				assertThat(pool.isRunning()).as("the check leaves the application's pool alone").isFalse();
				// HikariCP makes the check's pool set the JVM-wide login timeout: the
				// application's, from its 30 s connectionTimeout, not the check's 2 s.
				assertThat(DriverManager.getLoginTimeout()).isEqualTo(30);
				try (Connection held = pool.getConnection()) {
					CheckResult busy = check.check(Duration.ofSeconds(2));
					assertThat(busy.up()).as("the database answers while its pool is busy").isTrue();
					assertThat(busy.details()).containsEntry("pool", "busy")
						.containsEntry("poolActive", 1)
						.containsEntry("poolMax", 1);
				}
				CheckResult free = check.check(Duration.ofSeconds(2));
				assertThat(free.details()).containsEntry("pool", "ok").containsEntry("poolIdle", 1);
				pool.close();
				assertThat(check.check(Duration.ofSeconds(2)).error()).isEqualTo("connection pool is closed");
			});
	}

	@Test
	void runWhenJdbcDependencyOnOtherDataSourceBorrowsFromIt() {
		this.contextRunner.withUserConfiguration(CountingDataSourceConfiguration.class)
			.withPropertyValues("probes.dependencies.postgres.type=jdbc")
			.run((context) -> {
				CountingDataSource dataSource = context.getBean(CountingDataSource.class);
				DependencyCheck check = context.getBean(CheckScheduler.class).monitor("postgres").orElseThrow().check();
				int before = dataSource.borrowed.get();
				CheckResult result = check.check(Duration.ofSeconds(2));
				assertThat(result.up()).isTrue();
				assertThat(result.details()).isEmpty();
				assertThat(dataSource.borrowed.get()).isGreaterThan(before);
			});
	}

	@Test
	void runWhenJdbcDependencyNamesMissingDataSourceBeanFails() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
					"probes.dependencies.postgres.type=jdbc", "probes.dependencies.postgres.data-source=reporting")
			.run(failsWith("probes.dependencies.postgres.data-source", "no DataSource bean named 'reporting'"));
	}

	@Test
	void runWhenJdbcDependencyWithoutAnyDataSourceFails() {
		this.contextRunner.withPropertyValues("probes.dependencies.postgres.type=jdbc")
			.run(failsWith("probes.dependencies.postgres.url", "has no DataSource to check"));
	}

	@Test
	void runWhenJdbcUrlDoesNotStartWithJdbcFails() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.postgres.type=jdbc",
					"probes.dependencies.postgres.url=postgresql://db:5432/app")
			.run(failsWith("probes.dependencies.postgres.url", "a JDBC URL starts with 'jdbc:'"));
	}

	@Test
	void runWhenJdbcClientLibraryMissingFailsNamingIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DataSource.class))
			.withPropertyValues("probes.dependencies.postgres.type=jdbc")
			.run(failsWith("probes.dependencies.postgres.type", "needs a JDBC driver and java.sql on the classpath"));
	}

	@Test
	void runWhenJdbcUrlGivenWithoutHikariFailsNamingIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.withPropertyValues("probes.dependencies.postgres.type=jdbc",
					"probes.dependencies.postgres.url=jdbc:postgresql://127.0.0.1:5432/test")
			.run(failsWith("probes.dependencies.postgres.url", "needs HikariCP on the classpath"));
	}

	@Test
	void runWhenTypeUnknownFailsListingKnownTypes() {
		this.contextRunner.withPropertyValues("probes.dependencies.cache.type=memcache")
			.run(failsWith("probes.dependencies.cache.type", "'memcache' is not a known check type"));
	}

	@Test
	void runWhenTypeMissingFails() {
		this.contextRunner.withPropertyValues("probes.dependencies.cache.host=redis")
			.run(failsWith("probes.dependencies.cache.type", "needs it"));
	}

	@Test
	void runWhenHttpUrlMissingFails() {
		this.contextRunner.withPropertyValues("probes.dependencies.payments.type=http")
			.run(failsWith("probes.dependencies.payments.url", "needs it"));
	}

	@Test
	void runWhenHttpUrlMalformedFails() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.payments.type=http", "probes.dependencies.payments.url=payments:8080")
			.run(failsWith("probes.dependencies.payments.url", "is not an http or https URL"));
	}

	@Test
	void runWhenHttpUrlHasInvalidSyntaxFails() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.payments.type=http",
					"probes.dependencies.payments.url=http://pay ments/readyz")
			.run(failsWith("probes.dependencies.payments.url", "is not a valid URL"));
	}

	@Test
	void runWhenHttpUrlCarriesCredentialsFailsWithoutEchoingThem() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.payments.type=http",
					"probes.dependencies.payments.url=http://admin:hunter22@payments/readyz")
			.run((context) -> {
				failsWith("probes.dependencies.payments.url", "credentials in the URL").accept(context);
				assertThat(context.getStartupFailure()).rootCause().message().doesNotContain("hunter22");
			});
	}

	@Test
	void runWhenHttpExpectedStatusMalformedFails() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.payments.type=http",
					"probes.dependencies.payments.url=http://payments/readyz",
					"probes.dependencies.payments.expected-status=2xx")
			.run(failsWith("probes.dependencies.payments.expected-status", "'2xx' is not an HTTP status code"));
	}

	@Test
	void runWhenTcpHostMissingFails() {
		this.contextRunner.withPropertyValues("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.port=6379")
			.run(failsWith("probes.dependencies.cache.host", "needs it"));
	}

	@Test
	void runWhenTcpPortMissingFails() {
		this.contextRunner.withPropertyValues("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=redis")
			.run(failsWith("probes.dependencies.cache.port", "needs it"));
	}

	@Test
	void runWhenTcpPortOutOfRangeFails() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=redis",
					"probes.dependencies.cache.port=70000")
			.run(failsWith("probes.dependencies.cache.port", "70000 is not a TCP port"));
	}

	@Test
	void runWhenDnsHostMissingFails() {
		this.contextRunner.withPropertyValues("probes.dependencies.peers.type=dns")
			.run(failsWith("probes.dependencies.peers.host", "needs it"));
	}

	@Test
	void runWhenDnsMinAddressesZeroFails() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.peers.type=dns", "probes.dependencies.peers.host=peers",
					"probes.dependencies.peers.min-addresses=0")
			.run(failsWith("probes.dependencies.peers.min-addresses", "0 is less than 1"));
	}

	@Test
	void runWhenKeyMisspeltFailsNamingIt() {
		this.contextRunner.withPropertyValues(tcp("timout=5s")).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new UnknownPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Unknown key 'probes.dependencies.cache.timout'")
				.doesNotContain("5s");
			assertThat(analysis.getAction()).contains("Did you mean 'probes.dependencies.cache.timeout'?");
		});
	}

	@Test
	void runWhenTopLevelKeyUnknownFailsNamingIt() {
		this.contextRunner.withPropertyValues("probes.enabeld=true").run((context) -> {
			FailureAnalysis analysis = new UnknownPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("Did you mean 'probes.enabled'?");
		});
	}

	@Test
	void runWhenDnsServerMalformedFails() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.peers.type=dns", "probes.dependencies.peers.host=peers",
					"probes.dependencies.peers.server=dns://10.96.0.10")
			.run(failsWith("probes.dependencies.peers.server", "is not a DNS server address"));
	}

	@Test
	void runWhenNameInvalidFailsSuggestingOne() {
		this.contextRunner.withPropertyValues("probes.dependencies[Main_DB].type=tcp")
			.run(failsWith("probes.dependencies.Main_DB", "not a valid dependency name", "main-db"));
	}

	@Test
	void runWhenNameIsAHealthGroupFails() {
		this.contextRunner.withPropertyValues("probes.dependencies.readiness.type=tcp")
			.run(failsWith("probes.dependencies.readiness", "is the name of a health group"));
	}

	@Test
	void runWhenDurationZeroFails() {
		this.contextRunner.withPropertyValues(tcp("interval=0s"))
			.run(failsWith("probes.dependencies.cache.interval", "is not a positive duration"));
	}

	@Test
	void runWhenDurationNegativeFails() {
		this.contextRunner.withPropertyValues(tcp("timeout=-1s"))
			.run(failsWith("probes.dependencies.cache.timeout", "is not a positive duration"));
	}

	@Test
	void runWhenIntervalWhenDownZeroFails() {
		this.contextRunner.withPropertyValues(tcp("interval-when-down=0ms"))
			.run(failsWith("probes.dependencies.cache.interval-when-down", "is not a positive duration"));
	}

	@Test
	void runWhenMaxStalenessNegativeFails() {
		this.contextRunner.withPropertyValues(tcp("max-staleness=-5s"))
			.run(failsWith("probes.dependencies.cache.max-staleness", "is not a positive duration"));
	}

	@Test
	void runWhenFailureThresholdZeroFails() {
		this.contextRunner.withPropertyValues(tcp("failure-threshold=0"))
			.run(failsWith("probes.dependencies.cache.failure-threshold", "0 is less than 1"));
	}

	@Test
	void runWhenSuccessThresholdNegativeFails() {
		this.contextRunner.withPropertyValues(tcp("success-threshold=-2"))
			.run(failsWith("probes.dependencies.cache.success-threshold", "-2 is less than 1"));
	}

	/**
	 * Return the runner with Spring Boot's DataSource (a HikariCP pool) on the real PostgreSQL.
	 */
	private ApplicationContextRunner withApplicationDatabase() {
		RealServices.Database postgres = RealServices.postgres();
		return this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + postgres.jdbcUrl(),
					"spring.datasource.username=" + postgres.username(),
					"spring.datasource.password=" + postgres.password());
	}

	private static String[] tcp(String extra) {
		return new String[] { "probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=127.0.0.1",
				"probes.dependencies.cache.port=6379", "probes.dependencies.cache." + extra };
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String property, String... problem) {
		return (context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidDependencyException.class);
			InvalidDependencyException cause = (InvalidDependencyException) rootCause(context.getStartupFailure());
			assertThat(cause.getProperty()).isEqualTo(property);
			FailureAnalysis analysis = new InvalidDependencyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription() + " " + analysis.getAction()).contains("'" + property + "'")
				.contains(problem);
			assertThat(analysis.getAction()).contains("'" + property + "'");
		};
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSchedulerConfiguration {

		final CheckScheduler scheduler = new CheckScheduler(java.util.List.of());

		@Bean
		CheckScheduler userScheduler() {
			return this.scheduler;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingDataSourceConfiguration {

		@Bean
		CountingDataSource dataSource() {
			RealServices.Database postgres = RealServices.postgres();
			PGSimpleDataSource target = new PGSimpleDataSource();
			target.setUrl(postgres.jdbcUrl());
			target.setUser(postgres.username());
			target.setPassword(postgres.password());
			return new CountingDataSource(target);
		}

	}

	/**
	 * A DataSource that is no HikariCP pool and counts the connections taken from it.
	 */
	static class CountingDataSource extends DelegatingDataSource {

		final AtomicInteger borrowed = new AtomicInteger();

		CountingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.borrowed.incrementAndGet();
			return super.getConnection();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomTypeConfiguration {

		@Bean
		DependencyCheckFactory ledgerCheckFactory() {
			return new DependencyCheckFactory() {

				@Override
				public String type() {
					return "ledger";
				}

				@Override
				public dev.probes.check.DependencyCheck create(DependencyDeclaration declaration) {
					return (timeout) -> CheckResult.success();
				}

			};
		}

	}

}
