package dev.probes.autoconfigure.check;

import java.util.Map;

/**
 * What to do when a {@code kubernetes-endpoints} dependency failed for good at start-up:
 * the Role and RoleBinding that grant its service account the permission it lacked, built
 * from the details of its latest result, or how to run it outside a pod.
 */
final class KubernetesRbacAdvice {

	static final String ROLE_NAME = "probes-endpoints-reader";

	private KubernetesRbacAdvice() {
	}

	/**
	 * Return the action for a failed {@code kubernetes-endpoints} dependency.
	 * @param dependency the dependency's name
	 * @param details the details of its latest result
	 * @return the action
	 */
	static String action(String dependency, Map<String, Object> details) {
		Object resource = details.get("resource");
		Object status = details.get("status");
		if (resource == null || status == null) {
			return "Run the application in a Kubernetes pod whose service-account token is mounted, or make"
					+ " 'probes.dependencies." + dependency + "' non-critical ('critical: false') where it runs"
					+ " outside Kubernetes, for example in a profile for local runs.";
		}
		String namespace = String.valueOf(details.get("namespace"));
		String verb = String.valueOf(details.get("verb"));
		String grant = "Grant the pod's service account " + verb + " on '" + resource + "' in namespace '" + namespace
				+ "' with this Role and RoleBinding (kubectl apply -f), then let the pod restart:\n\n"
				+ indent(roleAndBinding(details));
		if ("401".equals(String.valueOf(status))) {
			return "The Kubernetes API did not accept the pod's service-account token: check that the pod's"
					+ " service account exists and that its token is the one the kubelet mounts. " + grant;
		}
		return grant;
	}

	/**
	 * Return the Role that grants reading the resource in the Service's namespace, and
	 * its binding to the pod's service account.
	 */
	static String roleAndBinding(Map<String, Object> details) {
		String namespace = String.valueOf(details.get("namespace"));
		String resource = String.valueOf(details.get("resource"));
		String apiGroup = String.valueOf(details.getOrDefault("apiGroup", ""));
		String verbs = "endpointslices".equals(resource) ? "[\"get\", \"list\"]" : "[\"" + details.get("verb") + "\"]";
		Object serviceAccount = details.get("serviceAccount");
		String subject;
		if (serviceAccount != null) {
			String[] parts = String.valueOf(serviceAccount).split(":", 2);
			subject = "    name: " + parts[1] + "\n    namespace: " + parts[0] + "\n";
		}
		else {
			subject = "    name: default  # the pod's serviceAccountName\n" + "    namespace: " + namespace
					+ "  # the pod's namespace\n";
		}
		return """
				apiVersion: rbac.authorization.k8s.io/v1
				kind: Role
				metadata:
				  name: %1$s
				  namespace: %2$s
				rules:
				  - apiGroups: ["%3$s"]
				    resources: ["%4$s"]
				    verbs: %5$s
				---
				apiVersion: rbac.authorization.k8s.io/v1
				kind: RoleBinding
				metadata:
				  name: %1$s
				  namespace: %2$s
				subjects:
				  - kind: ServiceAccount
				%6$sroleRef:
				  apiGroup: rbac.authorization.k8s.io
				  kind: Role
				  name: %1$s
				""".formatted(ROLE_NAME, namespace, apiGroup, resource, verbs, subject);
	}

	private static String indent(String text) {
		return text.lines().map((line) -> "    " + line).reduce((first, second) -> first + "\n" + second).orElse("");
	}

}
