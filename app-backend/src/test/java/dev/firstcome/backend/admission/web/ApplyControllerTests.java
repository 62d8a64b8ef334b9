package dev.firstcome.backend.admission.web;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;

/**
 * Slice test of the apply endpoint as the controller serves it ({@code firstcome.admission.fast-path=false});
 * by default {@link FastApplyFilter} answers first ({@link FastApplyFilterTests}). Both render {@link ApplyAnswers}.
 */
@WebMvcTest(controllers = ApplyController.class, properties = "firstcome.admission.fast-path=false")
@Import(ApplyAnswers.class)
@AutoConfigureMockMvc(addFilters = false)
class ApplyControllerTests extends AbstractApplyContractTests {}
