package dev.probes.shutdown;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application that {@link ReadinessDrainTests} runs as a process of its own and stops
 * with SIGTERM, as the kubelet stops a container.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(DrainingApplication.WorkController.class)
public class DrainingApplication {

	public static void main(String[] args) {
		SpringApplication.run(DrainingApplication.class, args);
	}

	/**
	 * The application's own work, which must go on being served while it drains.
	 */
	@RestController
	static class WorkController {

		@GetMapping("/work")
		String work() {
			return "done";
		}

	}

}
