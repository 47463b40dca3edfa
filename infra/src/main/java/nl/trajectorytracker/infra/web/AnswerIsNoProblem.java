package nl.trajectorytracker.infra.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * An answer that is not a refusal is never labelled {@code application/problem+json}: the JSON converter writes any
 * {@code +json} type the request accepts, so a client that accepts problem details (to read refusals) would get
 * its trajectory labelled as a problem. Such an answer is {@code application/json}, as the API describes it; a
 * problem detail keeps its own type.
 */
@ControllerAdvice
public class AnswerIsNoProblem implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        boolean problem = body instanceof ProblemDetail || body instanceof ErrorResponse;
        if (!problem && selectedContentType != null
                && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(selectedContentType)
                && !selectedContentType.isWildcardSubtype()) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        }
        return body;
    }
}
