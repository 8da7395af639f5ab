package org.satupintu.support.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.satupintu.support.problem.ApiException;
import org.satupintu.support.problem.FieldError;
import org.springframework.data.domain.Pageable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * API.md's paging parameters, checked strictly on every handler that takes a {@code Pageable}: {@code page} a whole
 * number from 0, {@code size} from 1 to the service's maximum, {@code sort=field[,asc|desc]} on a field the service
 * declared sortable ({@link PagingPolicy}). Spring Data would quietly fall back to the defaults (or sort by whatever
 * field is named); a malformed request is answered 400 instead.
 */
public final class PagingParameters implements HandlerInterceptor {

    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");
    private static final Pattern SORT = Pattern.compile("([A-Za-z][A-Za-z0-9]{0,63})(,(?i:asc|desc))?");

    private final Set<String> sortable;
    private final int maxSize;

    public PagingParameters(PagingPolicy policy) {
        this.sortable = policy.sortable();
        this.maxSize = policy.maxSize();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || Arrays.stream(method.getMethodParameters())
                .noneMatch(p -> Pageable.class.isAssignableFrom(p.getParameterType()))) {
            return true;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String page : values(request, "page")) {
            if (!WHOLE.matcher(page).matches()) {
                errors.add(new FieldError("page", "must be a whole number from 0"));
            }
        }
        for (String size : values(request, "size")) {
            if (!WHOLE.matcher(size).matches() || Integer.parseInt(size) < 1 || Integer.parseInt(size) > maxSize) {
                errors.add(new FieldError("size", "must be a whole number from 1 to " + maxSize));
            }
        }
        for (String sort : values(request, "sort")) {
            var matcher = SORT.matcher(sort);
            if (!matcher.matches() || !sortable.contains(matcher.group(1))) {
                errors.add(new FieldError("sort", "must be field or field,asc or field,desc with field one of "
                        + sortable.stream().sorted().toList()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The paging parameters are invalid.", errors);
        }
        return true;
    }

    private static List<String> values(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : List.of(values);
    }
}
