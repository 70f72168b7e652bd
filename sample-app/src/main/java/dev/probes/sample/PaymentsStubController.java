package dev.probes.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the payments service so that the sample runs on its own; point
 * {@code PAYMENTS_URL} at a real service to check that instead.
 */
@RestController
class PaymentsStubController {

	@GetMapping("/stub/payments/readyz")
	String ready() {
		return "ok";
	}

}
