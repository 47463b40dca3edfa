package nl.trajectorytracker.infra.idempotency;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

import nl.trajectorytracker.command.followup.FollowUpLinks;
import nl.trajectorytracker.command.rest.IdempotencyStore;
import nl.trajectorytracker.command.rest.StepSender;

/**
 * What idempotent requests need around the command adapter: their bodies kept as they are read, so the request's
 * fingerprint covers the body; and the key's metadata carried from the command to its events, where the event store
 * stores it with the commit (and a follow-up's origin, where the follow-up links find it).
 */
@Configuration(proxyBeanMethods = false)
public class IdempotencyConfiguration {

    @Bean
    CorrelationDataProvider idempotencyCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(IdempotencyStore.KEY_METADATA, IdempotencyStore.FINGERPRINT_METADATA,
                FollowUpLinks.FOLLOW_UP_OF);
    }

    /** After the body limit, so that no more than the limit is ever kept. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> idempotentBodies(
            @Value("${tracker.security.max-body-size:1MB}") DataSize maxBodySize) {
        int limit = (int) Math.min(Integer.MAX_VALUE, maxBodySize.toBytes());
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        chain.doFilter(request.getHeader(StepSender.IDEMPOTENCY_KEY) == null ? request
                                : new ContentCachingRequestWrapper(request, limit), response);
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
