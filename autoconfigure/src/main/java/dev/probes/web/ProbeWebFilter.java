package dev.probes.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers probe paths on WebFlux before any other filter, Spring Security's included, and
 * before the handler mappings; the reactive twin of {@link ProbeServletFilter}.
 */
public final class ProbeWebFilter implements WebFilter, Ordered {

	private final ProbeResponder responder;

	public ProbeWebFilter(ProbeResponder responder) {
		this.responder = responder;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpMethod method = request.getMethod();
		boolean head = HttpMethod.HEAD.equals(method);
		if (head || HttpMethod.GET.equals(method)) {
			ProbeResponse answer = this.responder.respond(request.getPath().pathWithinApplication().value(),
					request.getURI().getRawQuery(), request.getHeaders().getFirst(HttpHeaders.ACCEPT));
			if (answer != null) {
				return write(answer, exchange.getResponse(), head);
			}
		}
		return chain.filter(exchange);
	}

	private static Mono<Void> write(ProbeResponse answer, ServerHttpResponse response, boolean head) {
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		HttpHeaders headers = response.getHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType());
		headers.set("X-Content-Type-Options", "nosniff");
		headers.setContentLength(answer.body().length);
		if (head) {
			return response.setComplete();
		}
		DataBuffer buffer = response.bufferFactory().wrap(answer.body());
		return response.writeWith(Mono.just(buffer));
	}

}
