package dev.probes.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers probe paths on servlet stacks before any other filter, Spring Security's
 * included, and before {@code DispatcherServlet}: a probe costs the writing of a few
 * bytes, and it is answered without authentication, as the kubelet needs.
 */
public final class ProbeServletFilter implements Filter {

	private final ProbeResponder responder;

	public ProbeServletFilter(ProbeResponder responder) {
		this.responder = responder;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
			String method = request.getMethod();
			boolean head = "HEAD".equals(method);
			if (head || "GET".equals(method)) {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				ProbeResponse answer = this.responder.respond(path, request.getQueryString(),
						request.getHeader("Accept"));
				if (answer != null) {
					write(answer, response, head);
					return;
				}
			}
		}
		chain.doFilter(req, res);
	}

	private static void write(ProbeResponse answer, HttpServletResponse response, boolean head) throws IOException {
		response.setStatus(answer.status());
		response.setContentType(answer.contentType());
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setContentLength(answer.body().length);
		if (!head) {
			response.getOutputStream().write(answer.body());
		}
	}

}
