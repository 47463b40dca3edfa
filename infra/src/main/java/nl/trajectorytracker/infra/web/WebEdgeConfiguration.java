package nl.trajectorytracker.infra.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The edges of the HTTP API answer problem details too: Tomcat's own error report (for what it refuses before the
 * application sees the request) is {@link ProblemErrorReportValve}, and {@link RequestEdgeFilter} guards the
 * content type and the decoding of parameters.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebEdgeConfiguration {

    /**
     * Tomcat adds its host's error report valve when the host starts, before it starts the application's context;
     * as the context starts, that valve is replaced by ours (and the host told to use ours, should it start again).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextLifecycleListeners(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())
                    && event.getLifecycle() instanceof Container context
                    && context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                boolean present = false;
                for (Valve valve : host.getPipeline().getValves()) {
                    present |= valve instanceof ProblemErrorReportValve;
                }
                if (!present) {
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                }
            }
        });
    }

    /** Right after the correlation id, before the body limit, security and everything that reads the request. */
    @Bean
    FilterRegistrationBean<RequestEdgeFilter> requestEdgeFilter() {
        FilterRegistrationBean<RequestEdgeFilter> registration = new FilterRegistrationBean<>(new RequestEdgeFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
