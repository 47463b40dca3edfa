package nl.trajectorytracker.infra.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report as a problem detail instead of its HTML page: what the container refuses before the
 * application sees the request (control characters or an 8 KB+ header, {@code %00} or an encoded slash in the path)
 * and any error status the application left without a body. Follows the stock valve: only an error status, only
 * when nothing was written yet, and only once.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String body = EdgeProblems.json(EdgeProblems.forStatus(status, instance(request)));
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing more to report
        }
    }

    /** The path asked for, when the container could read it. */
    private static String instance(Request request) {
        try {
            return request.getDecodedRequestURI();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
