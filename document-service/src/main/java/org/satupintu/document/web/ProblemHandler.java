package org.satupintu.document.web;

import java.io.IOException;

import org.satupintu.support.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The shared problem answers, plus what is particular to transfers of files. */
@RestControllerAdvice
class ProblemHandler extends org.satupintu.support.problem.ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** The client went away or stopped sending in the middle of an upload; nothing was kept. */
    @ExceptionHandler(IOException.class)
    ProblemDetail interrupted(IOException e) {
        log.info("Upload or download interrupted: {}", e.toString());
        return Problems.of(HttpStatus.BAD_REQUEST, "transfer-interrupted",
                "The transfer was interrupted; nothing was kept. Please try again.");
    }
}
