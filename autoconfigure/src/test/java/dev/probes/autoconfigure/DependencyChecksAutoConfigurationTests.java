package dev.probes.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.probes.check.CheckResult;
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
						Duration.ofSeconds(2), Duration.ofSeconds(2), 1, 1, Duration.ofSeconds(30), 0.1));
			});
	}

	@Test
	void runWhenEveryCommonKeySetBindsIt() {
		this.contextRunner.withPropertyValues("probes.dependencies.cache.type=tcp",
				"probes.dependencies.cache.host=127.0.0.1", "probes.dependencies.cache.port=6379",
				"probes.dependencies.cache.critical=false", "probes.dependencies.cache.interval=1s",
				"probes.dependencies.cache.interval-when-down=500ms", "probes.dependencies.cache.timeout=300ms",
				"probes.dependencies.cache.failure-threshold=3", "probes.dependencies.cache.success-threshold=2",
				"probes.dependencies.cache.max-staleness=7s", "probes.dependencies.cache.jitter=0.25")
			.run((context) -> assertThat(context.getBean(CheckScheduler.class).monitor("cache").orElseThrow().settings())
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
	void runWhenUserDefinesFactoryForOwnTypeUsesIt() {
		this.contextRunner.withUserConfiguration(CustomTypeConfiguration.class)
			.withPropertyValues("probes.dependencies.ledger.type=ledger")
			.run((context) -> assertThat(context.getBean(CheckScheduler.class).monitor("ledger").orElseThrow().type())
				.isEqualTo("ledger"));
	}

	@Test
	void runWhenJdbcDependencyDeclaredUsesApplicationDataSource() {
		RealServices.Database postgres = RealServices.postgres();
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + postgres.jdbcUrl(),
					"spring.datasource.username=" + postgres.username(),
					"spring.datasource.password=" + postgres.password(), "probes.dependencies.postgres.type=jdbc")
			.run((context) -> assertThat(context.getBean(CheckScheduler.class).monitor("postgres")).isPresent());
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
