package dev.probes.test;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.probes.autoconfigure.check.KubernetesEndpointsCheckFactory;
import dev.probes.check.KubernetesAccess;

/**
 * A web application with {@code kubernetes-endpoints} dependencies and no database, as a
 * user would write it, but for where its pod's service account is: its own
 * {@link KubernetesEndpointsCheckFactory} bean, in the place of Probes', finds the API
 * server at {@code test.kubernetes.api-server} and the service account's files in
 * {@code test.kubernetes.service-account}; without them, where a pod has them.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
public class KubernetesApplication {

	@Bean
	KubernetesEndpointsCheckFactory kubernetesEndpointsCheckFactory(Environment environment) {
		String apiServer = environment.getProperty("test.kubernetes.api-server");
		String serviceAccount = environment.getProperty("test.kubernetes.service-account");
		if (apiServer == null || serviceAccount == null) {
			return new KubernetesEndpointsCheckFactory();
		}
		return new KubernetesEndpointsCheckFactory(
				new KubernetesAccess(URI.create(apiServer), Path.of(serviceAccount)));
	}

	/**
	 * Return the properties that point the application at a test's API server.
	 * @param api the server
	 * @return the properties
	 */
	public static String[] pointedAt(KubernetesApiServer api) {
		return new String[] { "test.kubernetes.api-server=" + api.apiServer(),
				"test.kubernetes.service-account=" + api.serviceAccountDirectory() };
	}

}
