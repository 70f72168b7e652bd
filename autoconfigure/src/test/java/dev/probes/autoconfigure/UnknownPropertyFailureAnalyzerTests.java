package dev.probes.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownPropertyFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class));

	@Test
	void runWhenTopLevelKeyMisspeltSuggestsIt() {
		this.contextRunner.withPropertyValues("probes.enabeld=true").run(suggests("probes.enabeld", "probes.enabled"));
	}

	@Test
	void runWhenStartupKeyMisspeltSuggestsItNotTheTypo() {
		this.contextRunner.withPropertyValues("probes.startup.wiat=true").run((context) -> {
			suggests("probes.startup.wiat", "probes.startup.wait").accept(context);
			assertThat(analysis(context).getAction()).doesNotContain("Did you mean 'probes.startup.wiat'");
		});
	}

	@Test
	void runWhenGroupMisspeltSuggestsWholeKey() {
		this.contextRunner.withPropertyValues("probes.statup.wait=true")
			.run(suggests("probes.statup.wait", "probes.startup.wait"));
	}

	@Test
	void runWhenBackoffGroupMisspeltSuggestsWholeKey() {
		this.contextRunner.withPropertyValues("probes.startup.backof.max=10s")
			.run(suggests("probes.startup.backof.max", "probes.startup.backoff.max"));
	}

	@Test
	void runWhenBackoffKeyMisspeltSuggestsIt() {
		this.contextRunner.withPropertyValues("probes.startup.backoff.mx=10s")
			.run(suggests("probes.startup.backoff.mx", "probes.startup.backoff.max"));
	}

	@Test
	void runWhenServerKeyMisspeltSuggestsIt() {
		this.contextRunner.withPropertyValues("probes.server.prot=8081")
			.run(suggests("probes.server.prot", "probes.server.port"));
	}

	@Test
	void runWhenDependenciesGroupAndKeyMisspeltSuggestsWholeKey() {
		this.contextRunner.withPropertyValues("probes.dependencys.pg.intervalWhenDwn=1s")
			.run(suggests("probes.dependencys.pg.intervalwhendwn", "probes.dependencies.pg.interval-when-down"));
	}

	@Test
	void runWhenNoKeyIsCloseSuggestsNothing() {
		this.contextRunner.withPropertyValues("probes.startup.xyz=1", "probes.server.zzz=1").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("Unknown key 'probes.startup.xyz'")
				.contains("Unknown key 'probes.server.zzz'");
			assertThat(analysis.getAction()).doesNotContain("Did you mean")
				.contains("Remove 'probes.startup.xyz' or correct its spelling.")
				.contains("Remove 'probes.server.zzz' or correct its spelling.");
		});
	}

	private static ContextConsumer<AssertableApplicationContext> suggests(String unknown, String meant) {
		return (context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("Unknown key '" + unknown + "'");
			assertThat(analysis.getAction()).contains("Did you mean '" + meant + "'? Rename '" + unknown + "'.");
		};
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new UnknownPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
