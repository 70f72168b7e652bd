package dev.probes.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import dev.probes.check.InvalidPropertyException;
import dev.probes.check.TcpCheck;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.DependencyMonitor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys of {@code probes.dependencies.<name>}: the shared ones and those of the type's
 * own settings class are bound, any other fails start-up naming it, with the key meant
 * when it is a typo away, and never with its value.
 */
class DependencyKeysTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class));

	@Test
	void sharedAndTypeKeysAreBound() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=127.0.0.1",
					"probes.dependencies.cache.port=6379", "probes.dependencies.cache.timeout=300ms")
			.run((context) -> {
				DependencyMonitor monitor = context.getBean(CheckScheduler.class).monitor("cache").orElseThrow();
				assertThat(monitor.settings().timeout()).isEqualTo(Duration.ofMillis(300));
				assertThat(monitor.check()).isInstanceOf(TcpCheck.class).hasToString("TcpCheck[127.0.0.1:6379]");
			});
	}

	@Test
	void keyOfAnotherTypeNamesTheKeysOfTheType() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=127.0.0.1",
					"probes.dependencies.cache.port=6379", "probes.dependencies.cache.url=redis://cache:6379")
			.run(fails("probes.dependencies.cache.url", "'url' is not a key of type 'tcp'",
					"Remove 'probes.dependencies.cache.url', or correct the type: a 'tcp' dependency takes host, port."));
	}

	@Test
	void misspeltSharedKeySuggestsIt() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.pg.type=tcp", "probes.dependencies.pg.host=127.0.0.1",
					"probes.dependencies.pg.port=5432", "probes.dependencies.pg.timout=5s")
			.run(fails("probes.dependencies.pg.timout", "'timout' is not a key of type 'tcp'",
					"Did you mean 'probes.dependencies.pg.timeout'? Rename 'probes.dependencies.pg.timout'."));
	}

	@Test
	void misspeltTypeKeySuggestsIt() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.pg.type=tcp", "probes.dependencies.pg.host=127.0.0.1",
					"probes.dependencies.pg.prot=5432")
			.run(fails("probes.dependencies.pg.prot", "'prot' is not a key of type 'tcp'",
					"Did you mean 'probes.dependencies.pg.port'? Rename 'probes.dependencies.pg.prot'."));
	}

	@Test
	void camelCaseTypoIsComparedAsBindingDoes() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.pg.type=tcp", "probes.dependencies.pg.host=127.0.0.1",
					"probes.dependencies.pg.port=5432", "probes.dependencies.pg.intervalWhenDwn=1s")
			.run((context) -> assertThat(failure(context).getAction())
				.startsWith("Did you mean 'probes.dependencies.pg.interval-when-down'?"));
	}

	@Test
	void misspeltHeadersKeepsTheHeaderNameAndHidesTheValue() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.api.type=http", "probes.dependencies.api.url=http://api",
					"probes.dependencies.api.hedaers.x-token=s3cr3t")
			.run((context) -> {
				InvalidPropertyException failure = failure(context);
				assertThat(failure.getAction()).startsWith("Did you mean 'probes.dependencies.api.headers.x-token'?");
				assertThat(failure.getMessage() + failure.getAction()).doesNotContain("s3cr3t");
			});
	}

	@Test
	void misspeltPasswordNeverShowsTheValue() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.pg.type=jdbc",
					"probes.dependencies.pg.url=jdbc:postgresql://127.0.0.1:5432/test",
					"probes.dependencies.pg.pasword=s3cr3t")
			.run((context) -> {
				InvalidPropertyException failure = failure(context);
				assertThat(failure.getAction()).startsWith("Did you mean 'probes.dependencies.pg.password'?");
				assertThat(failure.getMessage() + failure.getAction()).doesNotContain("s3cr3t");
			});
	}

	@Test
	void keysOfATypeWithoutATypeFailForTheMissingType() {
		this.contextRunner.withPropertyValues("probes.dependencies.api.url=http://api")
			.run(fails("probes.dependencies.api.type", "every dependency needs a type",
					"Set 'probes.dependencies.api.type' to one of"));
	}

	@Test
	void misspeltTypeKeyOfTheDependencyIsSuggested() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.api.tpye=http", "probes.dependencies.api.url=http://api")
			.run(fails("probes.dependencies.api.tpye", "'tpye' is not a key",
					"Did you mean 'probes.dependencies.api.type'? Rename 'probes.dependencies.api.tpye'."));
	}

	@Test
	void keyOutsideTheDependenciesStaysSpringBootsUnknownKey() {
		this.contextRunner.withPropertyValues("probes.startup.wiat=true")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("probes.startup.wiat"));
	}

	private static ContextConsumer<AssertableApplicationContext> fails(String property, String problem, String action) {
		return (context) -> {
			InvalidPropertyException failure = failure(context);
			assertThat(failure.getProperty()).isEqualTo(property);
			assertThat(failure.getMessage()).startsWith("Invalid '" + property + "': " + problem);
			assertThat(failure.getAction()).startsWith(action);
		};
	}

	private static InvalidPropertyException failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable cause = context.getStartupFailure();
		while (cause != null && !(cause instanceof InvalidPropertyException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("an InvalidPropertyException in %s", context.getStartupFailure()).isNotNull();
		return (InvalidPropertyException) cause;
	}

}
