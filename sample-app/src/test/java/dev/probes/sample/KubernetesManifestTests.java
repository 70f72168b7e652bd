package dev.probes.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.probes.test.KubeletClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's Kubernetes manifests, parsed with a YAML parser and checked against the
 * application: its configuration (application.yml with the container's environment) and
 * the paths the running application really serves. Each check is also shown to fail on a
 * copy of the manifest that drifted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class KubernetesManifestTests {

	private static final int PORT = FreePorts.find();

	private static final Path DEPLOYMENT = Path.of("k8s", "deployment.yaml");

	private String manifest;

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@BeforeEach
	void readManifest() throws IOException {
		this.manifest = Files.readString(DEPLOYMENT);
	}

	@Test
	void deploymentAgreesWithTheApplication() throws IOException {
		assertThat(problems(this.manifest)).isEmpty();
	}

	@Test
	void probePathThatDriftedFromTheApplicationIsCaught() throws IOException {
		String drifted = this.manifest.replace("path: /readyz", "path: /ready");
		assertThat(problems(drifted)).singleElement().asString().contains("readinessProbe.httpGet.path /ready");
	}

	@Test
	void probePortThatDriftedFromTheApplicationIsCaught() throws IOException {
		String drifted = this.manifest.replace("containerPort: 8080", "containerPort: 8081");
		assertThat(problems(drifted)).hasSize(3).allSatisfy((problem) -> assertThat(problem).contains("8081"));
	}

	@Test
	void startupBudgetShorterThanTheWaitIsCaught() throws IOException {
		String drifted = this.manifest.replace("failureThreshold: 65", "failureThreshold: 30");
		assertThat(problems(drifted)).singleElement()
			.asString()
			.contains("startupProbe allows 60 s", "probes.startup.timeout (120 s)");
	}

	@Test
	void gracePeriodShorterThanDrainAndShutdownIsCaught() throws IOException {
		String drifted = this.manifest.replace("terminationGracePeriodSeconds: 45",
				"terminationGracePeriodSeconds: 40");
		assertThat(problems(drifted)).singleElement()
			.asString()
			.contains("terminationGracePeriodSeconds is 40", "drain (10 s)");
	}

	private List<String> problems(String manifest) throws IOException {
		return ManifestCheck.problems(manifest, containerConfiguration(manifest),
				(path) -> KubeletClient.status(PORT, path));
	}

	/**
	 * The application's configuration as the container sees it: application.yml, resolved
	 * with the container's environment variables only (relaxed names, as Spring Boot
	 * binds them).
	 */
	private static StandardEnvironment containerConfiguration(String manifest) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				ManifestCheck.environment(manifest)));
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"))) {
			sources.addLast(source);
		}
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
