package nl.trajectorytracker.infra.audit.accesslog;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import nl.trajectorytracker.api.values.InvalidValueException;

/** Hooks the audit access log into the trajectory endpoints and shows it to administrators. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RestController
public class AuditAccessLogConfiguration implements WebMvcConfigurer {

    private static final int MAX_PAGE_SIZE = 200;

    private final AuditAccessLog accessLog;

    public AuditAccessLogConfiguration(AuditAccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(accessLog).addPathPatterns("/api/trajectories", "/api/trajectories/**", "/api/audit/**");
    }

    /** A page of the audit access log, newest first. */
    @GetMapping("/api/admin/audit/access-log")
    public Map<String, Object> accessLog(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new InvalidValueException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidValueException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        List<Document> entries = accessLog.page(page, size);
        return Map.of("entries", entries, "page", page, "size", size, "total", accessLog.count());
    }
}
