package dev.probes.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ProbesHealthAutoConfigurationTests {

	private ServerSocket listening;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void listen() throws IOException {
		this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
					DependencyChecksAutoConfiguration.class, ProbesWebAutoConfiguration.class,
					ProbesHealthAutoConfiguration.class))
			.withPropertyValues(tcp("postgres", true))
			.withPropertyValues(tcp("cache", false));
	}

	@AfterEach
	void close() throws IOException {
		this.listening.close();
	}

	@Test
	void runRegistersContributorPerDependencyUnderItsName() {
		this.contextRunner.run((context) -> {
			HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
			assertThat(((HealthIndicator) registry.getContributor("postgres")).health().getDetails())
				.containsEntry("type", "tcp")
				.containsEntry("critical", true);
			assertThat(((HealthIndicator) registry.getContributor("cache")).health().getDetails())
				.containsEntry("type", "tcp")
				.containsEntry("critical", false);
		});
	}

	@Test
	void runAddsCriticalDependenciesToReadinessOnly() {
		this.contextRunner.run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			HealthEndpointGroup readiness = groups.get("readiness");
			assertThat(readiness.isMember("readinessState")).isTrue();
			assertThat(readiness.isMember("postgres")).isTrue();
			assertThat(readiness.isMember("cache")).isFalse();
			HealthEndpointGroup liveness = groups.get("liveness");
			assertThat(liveness.isMember("livenessState")).isTrue();
			assertThat(liveness.isMember("postgres")).isFalse();
			assertThat(liveness.isMember("cache")).isFalse();
		});
	}

	@Test
	void runServesProbeGroupsOnApplicationPort() {
		this.contextRunner.run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			assertThat(groups.get("liveness").getAdditionalPath().getValue()).isEqualTo("/livez");
			assertThat(groups.get("readiness").getAdditionalPath().getValue()).isEqualTo("/readyz");
			assertThat(groups.getAllWithAdditionalPath(WebServerNamespace.SERVER)).hasSize(2);
		});
	}

	@Test
	void runWhenLivenessIncludesEverythingKeepsDependenciesOut() {
		this.contextRunner.withPropertyValues("management.endpoint.health.group.liveness.include=*").run((context) -> {
			HealthEndpointGroup liveness = context.getBean(HealthEndpointGroups.class).get("liveness");
			assertThat(liveness.isMember("ping")).isTrue();
			assertThat(liveness.isMember("postgres")).isFalse();
			assertThat(liveness.isMember("cache")).isFalse();
		});
	}

	@Test
	void runWithDeadlockDetectionAddsItToLivenessOnlyEvenWhenReadinessIncludesEverything() {
		this.contextRunner
			.withPropertyValues("probes.liveness.deadlock-detection=true",
					"management.endpoint.health.group.readiness.include=*")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("liveness").isMember("deadlocks")).isTrue();
				assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
				assertThat(groups.get("readiness").isMember("deadlocks")).isFalse();
			});
	}

	@Test
	void runWithoutDeadlockDetectionLeavesLivenessToLivenessState() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(HealthEndpointGroups.class).get("liveness").isMember("deadlocks"))
			.isFalse());
	}

	@Test
	void runWhenReadinessIncludesEverythingKeepsNonCriticalDependencyOut() {
		this.contextRunner.withPropertyValues("management.endpoint.health.group.readiness.include=*").run((context) -> {
			HealthEndpointGroup readiness = context.getBean(HealthEndpointGroups.class).get("readiness");
			assertThat(readiness.isMember("postgres")).isTrue();
			assertThat(readiness.isMember("cache")).isFalse();
		});
	}

	@Test
	void runWhenReadinessSetsOnlyShowDetailsKeepsDefaultMembers() {
		this.contextRunner.withPropertyValues("management.endpoint.health.group.readiness.show-details=always")
			.run((context) -> {
				HealthEndpointGroup readiness = context.getBean(HealthEndpointGroups.class).get("readiness");
				assertThat(readiness.isMember("readinessState")).isTrue();
				assertThat(readiness.isMember("postgres")).isTrue();
				assertThat(readiness.isMember("diskSpace")).isFalse();
				assertThat(readiness.isMember("ping")).isFalse();
				assertThat(readiness.isMember("cache")).isFalse();
				assertThat(readiness.showDetails(org.springframework.boot.actuate.endpoint.SecurityContext.NONE))
					.isTrue();
			});
	}

	@Test
	void runWhenReadinessExcludesDependencyWithoutIncludeLeavesItOut() {
		this.contextRunner.withPropertyValues("management.endpoint.health.group.readiness.exclude=postgres")
			.run((context) -> {
				HealthEndpointGroup readiness = context.getBean(HealthEndpointGroups.class).get("readiness");
				assertThat(readiness.isMember("readinessState")).isTrue();
				assertThat(readiness.isMember("postgres")).isFalse();
			});
	}

	@Test
	void runWhenLivenessSetsOnlyShowDetailsKeepsLivenessStateAlone() {
		this.contextRunner.withPropertyValues("management.endpoint.health.group.liveness.show-details=always")
			.run((context) -> {
				HealthEndpointGroup liveness = context.getBean(HealthEndpointGroups.class).get("liveness");
				assertThat(liveness.isMember("livenessState")).isTrue();
				assertThat(liveness.isMember("diskSpace")).isFalse();
				assertThat(liveness.isMember("postgres")).isFalse();
			});
	}

	@Test
	void runWhenAvailabilityProbesSwitchedOffStillServesProbeGroups() {
		this.contextRunner.withPropertyValues("management.endpoint.health.probes.enabled=false").run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
			assertThat(groups.get("readiness").isMember("postgres")).isTrue();
			assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
			assertThat(context).hasBean("readinessStateHealthIndicator").hasBean("livenessStateHealthIndicator");
		});
	}

	@Test
	void runWhenDisabledLeavesHealthAlone() {
		this.contextRunner.withPropertyValues("probes.enabled=false").run((context) -> {
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("postgres")).isNull();
			assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("postgres")).isFalse();
		});
	}

	private String[] tcp(String name, boolean critical) {
		String prefix = "probes.dependencies." + name + ".";
		return new String[] { prefix + "type=tcp", prefix + "host=127.0.0.1",
				prefix + "port=" + this.listening.getLocalPort(), prefix + "critical=" + critical };
	}

}
