package dev.probes.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyzer answers for {@code probes.*} values of the wrong kind only, and leaves
 * every other failure to Spring Boot's analyzers and to its siblings (see
 * {@link ConfigurationErrorsTests} for its reports).
 */
class ValueConversionFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class))
		.withUserConfiguration(OtherPropertiesConfiguration.class);

	@Test
	void analyzeWhenAnotherPrefixFailsToConvertLeavesItToSpringBoot() {
		this.contextRunner.withPropertyValues("other.port=abc").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new ValueConversionFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
		});
	}

	@Test
	void analyzeWhenProbesKeyUnknownLeavesItToUnknownPropertyAnalyzer() {
		this.contextRunner.withPropertyValues("probes.enabeld=abc").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new ValueConversionFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
		});
	}

	@Test
	void analyzeWhenProbesValueFailsToConvertNamesItsKind() {
		this.contextRunner.withPropertyValues("probes.dependencies.cache.failure-threshold=1.5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new ValueConversionFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.startsWith("Invalid 'probes.dependencies.cache.failure-threshold': '1.5' is not a whole number");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OtherProperties.class)
	static class OtherPropertiesConfiguration {

	}

	@ConfigurationProperties("other")
	static class OtherProperties {

		private int port;

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

	}

}
