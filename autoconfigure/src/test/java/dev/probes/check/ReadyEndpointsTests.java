package dev.probes.check;

import org.junit.jupiter.api.Test;

import dev.probes.check.ReadyEndpoints.Count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ReadyEndpoints} counts each ready endpoint of a Service once, in EndpointSlices
 * as the API defines their fields and in core v1 Endpoints.
 */
class ReadyEndpointsTests {

	@Test
	void endpointWithoutConditionsOrWithNullReadyCountsAsReady() {
		Count count = slices("""
				{"addressType": "IPv4", "endpoints": [
				  {"addresses": ["10.0.0.1"]},
				  {"addresses": ["10.0.0.2"], "conditions": {}},
				  {"addresses": ["10.0.0.3"], "conditions": {"ready": null}},
				  {"addresses": ["10.0.0.4"], "conditions": {"ready": false, "serving": true, "terminating": true}},
				  {"addresses": ["10.0.0.5"], "conditions": {"ready": true}}
				]}""");
		assertThat(count).isEqualTo(new Count(4, 1));
	}

	@Test
	void podListedInTwoSlicesOfOneFamilyCountsOnce() {
		Count count = slices("""
				{"addressType": "IPv4", "endpoints": [%s, %s]},
				{"addressType": "IPv4", "endpoints": [%s]}
				""".formatted(pod("a", "10.0.0.1"), pod("b", "10.0.0.2"), pod("b", "10.0.0.2")));
		assertThat(count).isEqualTo(new Count(2, 2));
	}

	@Test
	void dualStackServiceCountsTheLargerFamily() {
		Count count = slices("""
				{"addressType": "IPv4", "endpoints": [%s, %s, %s]},
				{"addressType": "IPv6", "endpoints": [%s, %s]}
				""".formatted(pod("a", "10.0.0.1"), pod("b", "10.0.0.2"), pod("c", "10.0.0.3"), pod("a", "fd00::1"),
				pod("b", "fd00::2")));
		assertThat(count.ready()).isEqualTo(3);
	}

	@Test
	void endpointsWithoutTargetRefAreToldApartByAddress() {
		Count count = slices("""
				{"addressType": "IPv4", "endpoints": [
				  {"addresses": ["192.168.1.10"]}, {"addresses": ["192.168.1.11"]}, {"addresses": ["192.168.1.10"]}
				]},
				{"addressType": "FQDN", "endpoints": [{"addresses": ["db.example.com"]}]}
				""");
		assertThat(count.ready()).isEqualTo(2);
	}

	@Test
	void serviceWithoutSlicesHasNone() {
		assertThat(ReadyEndpoints.inEndpointSlices(JsonReader.read("{\"kind\": \"EndpointSliceList\", \"items\": []}")))
			.isEqualTo(new Count(0, 0));
		assertThat(ReadyEndpoints.inEndpointSlices(JsonReader.read("{\"kind\": \"EndpointSliceList\"}")))
			.isEqualTo(new Count(0, 0));
		assertThat(slices("{\"addressType\": \"IPv4\"}")).isEqualTo(new Count(0, 1));
	}

	@Test
	void endpointsCountReadyAddressesOfEverySubsetOnce() {
		Count count = ReadyEndpoints.inEndpoints(JsonReader.read("""
				{"kind": "Endpoints", "subsets": [
				  {"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}], "notReadyAddresses": [{"ip": "10.0.0.3"}],
				   "ports": [{"port": 8080}]},
				  {"addresses": [{"ip": "10.0.0.2"}, {"ip": "10.0.0.4"}], "ports": [{"port": 9090}]},
				  {"notReadyAddresses": [{"ip": "10.0.0.5"}]}
				]}"""));
		assertThat(count).isEqualTo(new Count(3, 1));
	}

	@Test
	void endpointsWithoutSubsetsHaveNone() {
		assertThat(ReadyEndpoints.inEndpoints(JsonReader.read("{\"kind\": \"Endpoints\"}")).ready()).isZero();
	}

	@Test
	void answerShapedOtherwiseIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReadyEndpoints.inEndpointSlices(JsonReader.read("[]")))
			.withMessage("unexpected answer: EndpointSliceList is not an object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReadyEndpoints.inEndpointSlices(JsonReader.read("{\"items\": {}}")))
			.withMessage("unexpected answer: items is not a list");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReadyEndpoints.inEndpoints(JsonReader.read("{\"subsets\": [{\"addresses\": [1]}]}")))
			.withMessage("unexpected answer: address is not an object");
	}

	private static Count slices(String items) {
		return ReadyEndpoints
			.inEndpointSlices(JsonReader.read("{\"kind\": \"EndpointSliceList\", \"items\": [" + items + "]}"));
	}

	private static String pod(String name, String address) {
		return """
				{"addresses": ["%s"], "conditions": {"ready": true},
				 "targetRef": {"kind": "Pod", "namespace": "shop", "name": "%s", "uid": "uid-%s"}}""".formatted(address,
				name, name);
	}

}
