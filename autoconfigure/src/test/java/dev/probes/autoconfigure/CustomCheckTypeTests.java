package dev.probes.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.probes.check.CheckResult;
import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.InvalidPropertyException;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A check type of the user's own, with keys of its own, declared the way the built-in
 * types are: a {@link DependencyCheckFactory} bean and a settings class bound from
 * {@code probes.dependencies.<name>}.
 */
class CustomCheckTypeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class))
		.withUserConfiguration(MarkerFileTypeConfiguration.class);

	@TempDir
	Path directory;

	@Test
	void ownKeysAreBoundAndTheCheckFollowsTheFile() throws IOException {
		Path marker = Files.writeString(this.directory.resolve("ready"), "ok");
		this.contextRunner
			.withPropertyValues("probes.dependencies.batch.type=marker-file",
					"probes.dependencies.batch.path=" + marker, "probes.dependencies.batch.max-age=1h",
					"probes.dependencies.batch.interval=200ms", "probes.dependencies.batch.timeout=100ms",
					"probes.dependencies.batch.interval-when-down=200ms")
			.run((context) -> {
				DependencyMonitor monitor = context.getBean(CheckScheduler.class).monitor("batch").orElseThrow();
				assertThat(monitor.type()).isEqualTo("marker-file");
				MarkerFileCheck check = (MarkerFileCheck) monitor.check();
				assertThat(check.path).isEqualTo(marker);
				assertThat(check.maxAge).isEqualTo(Duration.ofHours(1));
				await().atMost(Duration.ofSeconds(5)).until(() -> monitor.state().status() == DependencyStatus.UP);
				Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
				await().atMost(Duration.ofSeconds(5)).until(() -> monitor.state().status() == DependencyStatus.DOWN);
				assertThat(monitor.state().error()).isEqualTo("marker is 2h0m old, more than 1h");
				Files.delete(marker);
				await().atMost(Duration.ofSeconds(5)).until(() -> "no marker file".equals(monitor.state().error()));
			});
	}

	@Test
	void ownKeyLeftAtItsDefaultIsTheSettingsDefault() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.batch.type=marker-file",
					"probes.dependencies.batch.path=" + this.directory.resolve("ready"))
			.run((context) -> assertThat(((MarkerFileCheck) context.getBean(CheckScheduler.class)
				.monitor("batch")
				.orElseThrow()
				.check()).maxAge).isEqualTo(Duration.ofMinutes(5)));
	}

	@Test
	void keyOfAnotherTypeFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.batch.type=marker-file",
					"probes.dependencies.batch.path=" + this.directory, "probes.dependencies.batch.url=http://x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidPropertyException.class)
				.hasMessageStartingWith(
						"Invalid 'probes.dependencies.batch.url': 'url' is not a key of type 'marker-file'")
				.satisfies((failure) -> assertThat(((InvalidPropertyException) failure).getAction()).isEqualTo(
						"Remove 'probes.dependencies.batch.url', or correct the type: a 'marker-file' dependency takes"
								+ " path, max-age.")));
	}

	@Test
	void misspeltOwnKeyFailsWithTheKeyMeant() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.batch.type=marker-file",
					"probes.dependencies.batch.path=" + this.directory, "probes.dependencies.batch.max-agee=1h")
			.run((context) -> assertThat(
					((InvalidPropertyException) context.getStartupFailure().getCause().getCause()).getAction())
				.startsWith("Did you mean 'probes.dependencies.batch.max-age'?"));
	}

	@Test
	void missingRequiredOwnKeyFailsNamingIt() {
		this.contextRunner.withPropertyValues("probes.dependencies.batch.type=marker-file")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("Invalid 'probes.dependencies.batch.path': a 'marker-file' dependency needs it"));
	}

	@Configuration(proxyBeanMethods = false)
	static class MarkerFileTypeConfiguration {

		@Bean
		MarkerFileCheckFactory markerFileCheckFactory() {
			return new MarkerFileCheckFactory();
		}

	}

	/**
	 * Keys of a {@code marker-file} dependency.
	 */
	public static class MarkerFileSettings {

		/** File that a batch job touches when it has run. */
		private @Nullable Path path;

		/** Age past which the marker no longer counts. */
		private Duration maxAge = Duration.ofMinutes(5);

		public @Nullable Path getPath() {
			return this.path;
		}

		public void setPath(@Nullable Path path) {
			this.path = path;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	static class MarkerFileCheckFactory implements DependencyCheckFactory<MarkerFileSettings> {

		@Override
		public String type() {
			return "marker-file";
		}

		@Override
		public Class<MarkerFileSettings> settingsType() {
			return MarkerFileSettings.class;
		}

		@Override
		public DependencyCheck create(DependencyDeclaration<MarkerFileSettings> declaration) {
			Path path = declaration.require("path", declaration.settings().getPath());
			return new MarkerFileCheck(path, declaration.settings().getMaxAge());
		}

	}

	static class MarkerFileCheck implements DependencyCheck {

		final Path path;

		final Duration maxAge;

		MarkerFileCheck(Path path, Duration maxAge) {
			this.path = path;
			this.maxAge = maxAge;
		}

		@Override
		public CheckResult check(Duration timeout) throws IOException {
			if (!Files.exists(this.path)) {
				return CheckResult.failure("no marker file");
			}
			Duration age = Duration.between(Files.getLastModifiedTime(this.path).toInstant(), Instant.now());
			if (age.compareTo(this.maxAge) > 0) {
				return CheckResult.failure("marker is " + age.toHours() + "h" + age.toMinutesPart()
						+ "m old, more than " + dev.probes.check.Durations.format(this.maxAge), Map.of());
			}
			return CheckResult.success(Map.of("age", dev.probes.check.Durations.format(age)));
		}

	}

}
