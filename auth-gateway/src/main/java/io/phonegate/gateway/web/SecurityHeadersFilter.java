package io.phonegate.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import io.phonegate.gateway.botcheck.BotCheckPageSources;

import java.io.IOException;

/**
 * The headers that tell a browser how little an answer may do, on every answer of the public port:
 * no content sniffing, never in a frame, no referrer, never stored by a cache (answers carry challenges
 * and tokens; the page and its scripts are a few kilobytes), and a Content-Security-Policy. The demo
 * page may load scripts, styles and data from its own origin only (it has no inline script or style);
 * every other answer (the API's JSON, problems, the page's own files) may load nothing. When a bot check
 * is configured, the page's policy also allows what its provider's widget loads ({@link BotCheckPageSources}):
 * the one place the page's policy is made. Set before the chain runs, so error answers carry them too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** Swagger UI (served only where API docs are switched on) sets inline styles and data: images. */
    static final String API_DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** {@link #PAGE_POLICY} with the configured bot check's widget origins, if any. */
    private final String pagePolicy;

    SecurityHeadersFilter(BotCheckPageSources botCheck) {
        this.pagePolicy = botCheck.addTo(PAGE_POLICY);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("Content-Security-Policy", policy(UrlPathHelper.defaultInstance.getPathWithinApplication(request)));
        chain.doFilter(request, response);
    }

    /** The page's documents get the page's policy; anything unknown gets the strictest. */
    private String policy(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return pagePolicy;
        }
        if (path.startsWith("/swagger-ui")) {
            return API_DOCS_POLICY;
        }
        return API_POLICY;
    }

    /** An error answer written in a later dispatch (Tomcat may reset the headers for it) gets them again. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
                                               FilterChain chain) throws ServletException, IOException {
        doFilterInternal(request, response, chain);
    }
}
