package nl.trajectorytracker.infra.security;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CompositeHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Every request needs a bearer token, except health and the OpenAPI documents. A token with the
 * {@value ApiTokens#PREFIX} prefix is an API token, looked up by its hash; any other token is a JWT, accepted only
 * when an issuer or key is configured under {@code spring.security.oauth2.resourceserver.jwt}. Roles decide the
 * reachable endpoints; anything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(TrackerSecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String MALFORMED_REQUEST = "urn:trajectory-tracker:error:malformed-request";
    private static final String NEGOTIATOR = Role.NEGOTIATOR.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String RESEARCHER = Role.RESEARCHER.name();
    private static final String ADMIN = Role.ADMIN.name();

    /** The web tool's pages and every API answer. */
    static final String WEB_TOOL_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'; object-src 'none'";
    /** The HTML audit report: its own inline style block, nothing else, in a sandbox (no script, no origin). */
    static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";
    /** Swagger UI's page sets styles inline; its scripts are files. */
    static final String SWAGGER_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'; object-src 'none'";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AccountStore accounts, ObjectProvider<JwtDecoder> jwtDecoder,
            TrackerSecurityProperties properties) throws Exception {
        AuthenticationManager bearerTokens = bearerTokens(accounts, jwtDecoder.getIfAvailable(), properties);
        Problems problems = new Problems();
        http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(contentSecurityPolicies()))
                .anonymous(anonymous -> { })
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> bearerTokens)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // the web page's static files; the page asks for a token and sends it on every API call
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/app.js", "/app.css", "/favicon.ico")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/js/*.js").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/me").authenticated()
                        .requestMatchers("/api/admin/**", "/actuator/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/trajectories/**").hasAnyRole(NEGOTIATOR, AUDITOR)
                        .requestMatchers("/api/trajectories/**").hasRole(NEGOTIATOR)
                        .requestMatchers(HttpMethod.GET, "/api/playbook", "/api/playbook/**").hasAnyRole(NEGOTIATOR, AUDITOR, RESEARCHER)
                        .requestMatchers(HttpMethod.GET, "/api/audit/public-key", "/api/audit/tree-head",
                                "/api/audit/consistency").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/audit/**").hasRole(AUDITOR)
                        .requestMatchers("/api/research/**").hasRole(RESEARCHER)
                        .anyRequest().denyAll());
        if (properties.failedAuthentication().enabled()) {
            http.addFilterBefore(new FailedAuthenticationThrottle(properties.failedAuthentication().perMinute(),
                    properties.failedAuthentication().burst()), BearerTokenAuthenticationFilter.class);
        }
        if (properties.rateLimit().enabled()) {
            http.addFilterAfter(new RateLimitFilter(properties.rateLimit().requestsPerSecond(),
                    properties.rateLimit().burst()), BearerTokenAuthenticationFilter.class);
        }
        return http.build();
    }

    /**
     * The web tool runs its own files only: no inline script or style, nothing from elsewhere, never framed. The
     * HTML audit report is one page of server-made, escaped text with an inline style block: it gets no script at all
     * and a sandbox. Swagger UI styles itself inline, so it alone may.
     */
    private static HeaderWriter contentSecurityPolicies() {
        RequestMatcher report = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET,
                "/api/trajectories/*/report");
        RequestMatcher swagger = new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"));
        String header = "Content-Security-Policy";
        return new CompositeHeaderWriter(List.of(
                new DelegatingRequestMatcherHeaderWriter(report, new StaticHeadersWriter(header, REPORT_POLICY)),
                new DelegatingRequestMatcherHeaderWriter(swagger, new StaticHeadersWriter(header, SWAGGER_POLICY)),
                new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(new OrRequestMatcher(report, swagger)),
                        new StaticHeadersWriter(header, WEB_TOOL_POLICY))));
    }

    /**
     * What the firewall refuses ({@code %2e%2e}, {@code ..;}, {@code //}, ...) is a 400 problem detail like every
     * other refusal, not a redirect to the error page.
     */
    @Bean
    RequestRejectedHandler requestRejected() {
        return (request, response, rejected) -> Problems.write(request, response, HttpStatus.BAD_REQUEST,
                MALFORMED_REQUEST, "MALFORMED_REQUEST",
                "The request path is not accepted: it is not normalised or contains characters that are refused");
    }

    /** Caps request bodies before security and parsing see them. */
    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyLimit(TrackerSecurityProperties properties) {
        FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyFilter(properties.maxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/*");
        return registration;
    }

    private static AuthenticationManager bearerTokens(AccountStore accounts, JwtDecoder jwtDecoder,
            TrackerSecurityProperties properties) {
        JwtAuthenticationProvider jwts;
        if (jwtDecoder == null) {
            jwts = null;
            log.info("No JWT issuer configured; only API tokens are accepted");
        } else {
            jwts = new JwtAuthenticationProvider(jwtDecoder);
            jwts.setJwtAuthenticationConverter(new JwtPrincipalConverter(properties.jwt()));
            log.info("JWTs from the configured issuer are accepted beside API tokens");
        }
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (ApiTokens.looksLikeApiToken(token)) {
                return accounts.authenticate(token)
                        .map(account -> new TrackerAuthentication(account.principal()))
                        .orElseThrow(() -> new BadCredentialsException("Unknown or revoked API token"));
            }
            if (jwts == null) {
                throw new InvalidBearerTokenException("Not an API token, and no JWT issuer is configured");
            }
            return jwts.authenticate(authentication);
        };
    }
}
