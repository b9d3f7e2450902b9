package io.phonegate.gateway.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Errors that never reached a controller (the servlet container's own, or an exception in a
 * filter) end here instead of Boot's default JSON map: the same problem format, no internals.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 && value < 600 ? value : 500;
        Problem problem = Problem.forStatus(status);
        ProblemDetail body = ProblemResponses.detail(problem,
                status >= 500 ? "something went wrong on our side; try again later" : "the request cannot be answered as sent",
                Map.of());
        body.setStatus(status);
        return ProblemResponses.entity(request, problem, body, null);
    }
}
