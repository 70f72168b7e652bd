package dev.probes.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.probes.shutdown.ReadinessDrain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drain's auto-configuration: on by default with no delay, the delay from
 * {@code probes.shutdown.drain-delay}, a user's bean left alone (a bad value: see
 * {@link ConfigurationErrorsTests}).
 */
class ProbesShutdownAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProbesShutdownAutoConfiguration.class));

	@Test
	void runByDefaultRegistersDrainThatStopsFirst() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ReadinessDrain.class);
			assertThat(context.getBean(ReadinessDrain.class).getPhase()).isEqualTo(Integer.MAX_VALUE);
			assertThat(context.getBean(ProbesProperties.class).getShutdown().getDrainDelay()).isZero();
		});
	}

	@Test
	void runWithDrainDelayBindsIt() {
		this.contextRunner.withPropertyValues("probes.shutdown.drain-delay=50ms")
			.run((context) -> assertThat(context.getBean(ProbesProperties.class).getShutdown().getDrainDelay())
				.isEqualTo(Duration.ofMillis(50)));
	}

	@Test
	void runWhenDisabledRegistersNothing() {
		this.contextRunner.withPropertyValues("probes.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReadinessDrain.class));
	}

	@Test
	void runWithUserDrainBacksOff() {
		this.contextRunner.withUserConfiguration(UserDrain.class)
			.run((context) -> assertThat(context).getBean(ReadinessDrain.class)
				.isSameAs(context.getBean(UserDrain.class).drain));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDrain {

		final ReadinessDrain drain = new ReadinessDrain((event) -> {
		}, Duration.ofSeconds(1));

		@Bean
		ReadinessDrain userDrain() {
			return this.drain;
		}

	}

}
