package dev.probes.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
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
		this.contextRunner
			.withPropertyValues("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=127.0.0.1",
					"probes.dependencies.cache.port=6379")
			.run((context) -> {
				DependencyMonitor monitor = context.getBean(CheckScheduler.class).monitor("cache").orElseThrow();
				assertThat(monitor.type()).isEqualTo("tcp");
				assertThat(monitor.settings()).isEqualTo(new CheckSettings(true, Duration.ofSeconds(10),
						Duration.ofSeconds(2), Duration.ofSeconds(2), 1, 1, Duration.ofSeconds(30), 0.1));
			});
	}

	@Test
	void runWhenEveryCommonKeySetBindsIt() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=127.0.0.1",
					"probes.dependencies.cache.port=6379", "probes.dependencies.cache.critical=false",
					"probes.dependencies.cache.interval=1s", "probes.dependencies.cache.interval-when-down=500ms",
					"probes.dependencies.cache.timeout=300ms", "probes.dependencies.cache.failure-threshold=3",
					"probes.dependencies.cache.success-threshold=2", "probes.dependencies.cache.max-staleness=7s",
					"probes.dependencies.cache.jitter=0.25")
			.run((context) -> assertThat(
					context.getBean(CheckScheduler.class).monitor("cache").orElseThrow().settings())
				.isEqualTo(new CheckSettings(false, Duration.ofSeconds(1), Duration.ofMillis(500),
						Duration.ofMillis(300), 3, 2, Duration.ofSeconds(7), 0.25)));
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
	void runWhenJdbcDependencyDeclaredUsesApplicationDataSource() {
		withApplicationDatabase().withPropertyValues("probes.dependencies.postgres.type=jdbc")
			.run((context) -> assertThat(postgresCheck(context).check(Duration.ofSeconds(2)).up()).isTrue());
		// The same declaration, with the application's DataSource pointed at a database
		// that does not exist: the check has no URL of its own to reach another.
		RealServices.Database postgres = RealServices.postgres();
		String missing = "probes_missing_" + UUID.randomUUID().toString().substring(0, 8);
		withApplicationDatabase()
			.withPropertyValues("spring.datasource.url=" + postgres.jdbcUrl().replaceFirst("/[^/]+$", "/" + missing),
					"probes.dependencies.postgres.type=jdbc")
			.run((context) -> {
				CheckResult result = postgresCheck(context).check(Duration.ofSeconds(2));
				assertThat(result.up()).isFalse();
				assertThat(result.permanent()).isTrue();
				assertThat(result.error()).contains("\"" + missing + "\"");
			});
	}

	@Test
	void runWhenJdbcDependencyOnHikariPoolChecksDatabaseWithoutBorrowingFromPool() {
		withApplicationDatabase()
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=1",
					"probes.dependencies.postgres.type=jdbc")
			.run((context) -> {
				HikariDataSource pool = context.getBean(HikariDataSource.class);
				DependencyCheck check = postgresCheck(context);
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
				DependencyCheck check = postgresCheck(context);
				int before = dataSource.borrowed.get();
				CheckResult result = check.check(Duration.ofSeconds(2));
				assertThat(result.up()).isTrue();
				assertThat(result.details()).isEmpty();
				assertThat(dataSource.borrowed.get()).isGreaterThan(before);
			});
	}

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

	private static DependencyCheck postgresCheck(ApplicationContext context) {
		return context.getBean(CheckScheduler.class).monitor("postgres").orElseThrow().check();
	}

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

}
