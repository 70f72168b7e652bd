package dev.probes.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The verdicts: rebuilt on change only, and when a member's health changes by itself.
 */
class ProbeVerdictsTests {

	private final ProbeVerdicts verdicts = new ProbeVerdicts();

	@AfterEach
	void close() {
		this.verdicts.close();
	}

	@Test
	void beforeBindingLivenessPassesAndReadinessNamesWhatIsAwaited() {
		this.verdicts.waitingFor(List.of("postgres"));
		assertThat(this.verdicts.liveness().plain().status()).isEqualTo(200);
		assertThat(this.verdicts.readiness().plain().status()).isEqualTo(503);
		assertThat(text(this.verdicts.readiness().plain())).isEqualTo(
				"[-]postgres failed: reason withheld\n[-]startup failed: reason withheld\nreadyz check failed\n");
		assertThat(text(this.verdicts.readiness().json())).isEqualTo(
				"{\"status\":\"OUT_OF_SERVICE\",\"description\":\"waiting for postgres\",\"waitingFor\":[\"postgres\"]}");
		this.verdicts.waitingFor(List.of());
		assertThat(text(this.verdicts.readiness().plain()))
			.isEqualTo("[-]startup failed: reason withheld\nreadyz check failed\n");
		assertThat(text(this.verdicts.readiness().json())).isEqualTo(
				"{\"status\":\"OUT_OF_SERVICE\",\"description\":\"the application is starting\",\"waitingFor\":[]}");
	}

	@Test
	void verdictIsRebuiltOnRefreshOnlyNotWhenMembersAreRead() {
		AtomicReference<Health> health = new AtomicReference<>(Health.up().build());
		bind(new TestMember("postgres", health, null));
		assertThat(this.verdicts.readiness().passed()).isTrue();
		health.set(Health.down().build());
		// A probe reads what was built; nothing changes until the next refresh.
		assertThat(this.verdicts.readiness().passed()).isTrue();
		assertThat(this.verdicts.health("postgres").getStatus().getCode()).isEqualTo("UP");
		this.verdicts.refresh();
		assertThat(this.verdicts.readiness().passed()).isFalse();
		assertThat(this.verdicts.health("postgres").getStatus().getCode()).isEqualTo("DOWN");
	}

	@Test
	void verdictIsRebuiltWhenMemberSaysItsHealthChangesByItself() {
		Instant staleAt = Instant.now().plus(Duration.ofMillis(300));
		AtomicReference<Health> health = new AtomicReference<>(Health.up().build());
		TestMember member = new TestMember("postgres", health, staleAt) {

			@Override
			public Health health() {
				return Instant.now().isBefore(staleAt) ? Health.up().build() : Health.down().build();
			}

		};
		bind(member);
		assertThat(this.verdicts.readiness().passed()).isTrue();
		await().atMost(Duration.ofSeconds(2)).until(() -> !this.verdicts.readiness().passed());
		assertThat(text(this.verdicts.readiness().plain())).contains("[-]postgres failed: reason withheld");
	}

	@Test
	void exclusionRecomputesStatusFromTheRemainingChecks() {
		bind(new TestMember("postgres", new AtomicReference<>(Health.down().build()), null),
				new TestMember("billing", new AtomicReference<>(Health.up().build()), null));
		Verdict readiness = this.verdicts.readiness();
		assertThat(readiness.excluding(List.of("postgres"), false).status()).isEqualTo(200);
		assertThat(text(readiness.excluding(List.of("postgres"), false))).isEqualTo("ok");
		assertThat(text(readiness.excluding(List.of("billing", "zeta", "alpha"), true)))
			.isEqualTo("[-]postgres failed: reason withheld\n[+]billing excluded: ok\n"
					+ "warn: some health checks cannot be excluded: no matches for \"alpha\",\"zeta\"\n"
					+ "readyz check failed\n");
		assertThat(readiness.single("billing").status()).isEqualTo(200);
		assertThat(readiness.single("postgres").status()).isEqualTo(503);
		assertThat(readiness.single("nope")).isNull();
	}

	private void bind(ProbeMember... readiness) {
		this.verdicts.bind(definition(Probe.LIVENESS), definition(Probe.READINESS, readiness), List.of());
	}

	private static ProbeDefinition definition(Probe probe, ProbeMember... members) {
		return new ProbeDefinition(probe, List.of(members), StatusAggregator.getDefault(),
				new SimpleHttpCodeStatusMapper(), true, true);
	}

	private static String text(ProbeResponse response) {
		return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static class TestMember implements ProbeMember {

		private final String name;

		private final AtomicReference<Health> health;

		private final @Nullable Instant changesAt;

		TestMember(String name, AtomicReference<Health> health, @Nullable Instant changesAt) {
			this.name = name;
			this.health = health;
			this.changesAt = changesAt;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public Health health() {
			return this.health.get();
		}

		@Override
		public @Nullable Instant changesAt() {
			return this.changesAt;
		}

	}

}
