/* GLPKShim — see include/GLPKShim.h. Part of vmplace, GPL-3.0-or-later. */
#include "GLPKShim.h"

#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *data;
    size_t length;
    size_t capacity;
} vmp_buffer;

typedef struct {
    jmp_buf jump;
    int guard_active;
    int log_mode;
    unsigned long generation;
    vmp_buffer log;
    vmp_buffer error;
} vmp_thread_state;

static _Thread_local vmp_thread_state state;

static void buffer_clear(vmp_buffer *buffer) {
    buffer->length = 0;
    if (buffer->data != NULL) buffer->data[0] = '\0';
}

static void buffer_append(vmp_buffer *buffer, const char *text) {
    size_t add = strlen(text);
    if (buffer->length + add + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity == 0 ? 1024 : buffer->capacity;
        while (buffer->length + add + 1 > capacity) capacity *= 2;
        char *grown = realloc(buffer->data, capacity);
        if (grown == NULL) return; /* drop text rather than fail */
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, text, add + 1);
    buffer->length += add;
}

static int terminal_hook(void *info, const char *text) {
    (void)info;
    if (glp_at_error()) {
        buffer_append(&state.error, text);
    }
    if (state.log_mode == VMP_LOG_CAPTURE || state.log_mode == VMP_LOG_CAPTURE_AND_ECHO) {
        buffer_append(&state.log, text);
    }
    if (state.log_mode == VMP_LOG_CAPTURE_AND_ECHO) {
        fputs(text, stderr);
    }
    return 1; /* never let GLPK write to stdout itself */
}

static void error_hook(void *info) {
    (void)info;
    if (state.guard_active) {
        longjmp(state.jump, 1);
    }
    /* No guard: GLPK will abort() after this returns. Nothing else is safe. */
}

static void install_hooks(void) {
    glp_term_hook(terminal_hook, NULL);
    glp_error_hook(error_hook, NULL);
}

void vmp_begin_session(int log_mode) {
    state.log_mode = log_mode;
    buffer_clear(&state.log);
    buffer_clear(&state.error);
    install_hooks();
}

const char *vmp_log_text(void) { return state.log.data != NULL ? state.log.data : ""; }

const char *vmp_error_text(void) { return state.error.data != NULL ? state.error.data : ""; }

unsigned long vmp_environment_generation(void) { return state.generation; }

/* Runs once the error hook has longjmp'ed back: the environment (and every GLPK object of
 * this thread) is freed, and the hooks are reinstalled on the next environment. */
static int recover_from_error(void) {
    state.guard_active = 0;
    glp_free_env();
    state.generation += 1;
    install_hooks();
    return VMP_CALL_GLPK_ERROR;
}

/* GUARDED(statement): runs statement with the error hook armed. Only plain C runs inside. */
#define GUARDED(statement)                                                                     \
    do {                                                                                       \
        install_hooks();                                                                       \
        buffer_clear(&state.error);                                                            \
        if (setjmp(state.jump) != 0) {                                                         \
            return recover_from_error();                                                       \
        }                                                                                      \
        state.guard_active = 1;                                                                \
        statement;                                                                             \
        state.guard_active = 0;                                                                \
    } while (0)

static int bound_type(double lower, double upper) {
    int has_lower = !isinf(lower);
    int has_upper = !isinf(upper);
    if (has_lower && has_upper) return lower == upper ? GLP_FX : GLP_DB;
    if (has_lower) return GLP_LO;
    if (has_upper) return GLP_UP;
    return GLP_FR;
}

static glp_prob *build(const vmp_problem_data *data, glp_prob *volatile *created) {
    glp_prob *problem = glp_create_prob();
    *created = problem;
    if (data->name != NULL) glp_set_prob_name(problem, data->name);
    if (data->objective_name != NULL) glp_set_obj_name(problem, data->objective_name);
    glp_set_obj_dir(problem, data->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(problem, 0, data->objective_offset);
    if (data->column_count > 0) glp_add_cols(problem, data->column_count);
    if (data->row_count > 0) glp_add_rows(problem, data->row_count);
    const char *name = data->column_names;
    for (int j = 1; j <= data->column_count; j++) {
        if (name != NULL) {
            glp_set_col_name(problem, j, name);
            name += strlen(name) + 1;
        }
        double lower = data->column_lower[j - 1], upper = data->column_upper[j - 1];
        glp_set_col_bnds(problem, j, bound_type(lower, upper), isinf(lower) ? 0.0 : lower,
                         isinf(upper) ? 0.0 : upper);
        glp_set_obj_coef(problem, j, data->column_objective[j - 1]);
        if (data->column_is_integer[j - 1]) glp_set_col_kind(problem, j, GLP_IV);
    }
    name = data->row_names;
    for (int i = 1; i <= data->row_count; i++) {
        if (name != NULL) {
            glp_set_row_name(problem, i, name);
            name += strlen(name) + 1;
        }
        double lower = data->row_lower[i - 1], upper = data->row_upper[i - 1];
        glp_set_row_bnds(problem, i, bound_type(lower, upper), isinf(lower) ? 0.0 : lower,
                         isinf(upper) ? 0.0 : upper);
    }
    if (data->element_count > 0) {
        glp_load_matrix(problem, data->element_count, data->element_row, data->element_column,
                        data->element_value);
    }
    return problem;
}

int vmp_build_problem(const vmp_problem_data *data, glp_prob **problem) {
    glp_prob *volatile created = NULL;
    *problem = NULL;
    GUARDED(build(data, &created));
    *problem = created;
    return VMP_CALL_OK;
}

int vmp_simplex(glp_prob *problem, const glp_smcp *parameters, int *result) {
    GUARDED(*result = glp_simplex(problem, parameters));
    return VMP_CALL_OK;
}

static int better_or_equal(const vmp_mip_control *control, double value, double target) {
    double tolerance = 1e-9 * (1.0 + fabs(target));
    return control->maximize ? value >= target - tolerance : value <= target + tolerance;
}

static void mip_callback(glp_tree *tree, void *info) {
    vmp_mip_control *control = info;
    int active = 0, current = 0, total = 0;
    glp_ios_tree_size(tree, &active, &current, &total);
    if (total > control->node_count) control->node_count = total;

    int best = glp_ios_best_node(tree);
    if (best != 0) {
        double bound = glp_ios_node_bound(tree, best);
        if (isfinite(bound) && fabs(bound) < DBL_MAX) {
            if (!control->has_bound) {
                control->bound = bound;
                control->has_bound = 1;
            } else if (control->maximize ? bound < control->bound : bound > control->bound) {
                control->bound = bound; /* the proven bound only ever tightens */
            }
        }
    }

    if (glp_ios_reason(tree) == GLP_IHEUR && control->incumbent != NULL &&
        control->incumbent_status == 0) {
        control->incumbent_status = glp_ios_heur_sol(tree, control->incumbent) == 0 ? 1 : -1;
    }

    glp_prob *problem = glp_ios_get_prob(tree);
    if (glp_mip_status(problem) != GLP_FEAS) return;
    double incumbent = glp_mip_obj_val(problem);
    if (control->has_stop_objective && better_or_equal(control, incumbent, control->stop_objective)) {
        control->stopped_at_objective = 1;
        glp_ios_terminate(tree);
        return;
    }
    if (control->integral_objective && control->has_bound) {
        double rounded = control->maximize ? floor(control->bound + 1e-6)
                                           : ceil(control->bound - 1e-6);
        if (better_or_equal(control, incumbent, rounded)) {
            control->stopped_at_integral_bound = 1;
            glp_ios_terminate(tree);
        }
    }
}

int vmp_intopt(glp_prob *problem, const glp_iocp *parameters, vmp_mip_control *control,
               int *result) {
    glp_iocp local = *parameters;
    local.cb_func = mip_callback;
    local.cb_info = control;
    GUARDED(*result = glp_intopt(problem, &local));
    return VMP_CALL_OK;
}

int vmp_write_lp(glp_prob *problem, const char *path, int *result) {
    GUARDED(*result = glp_write_lp(problem, NULL, path));
    return VMP_CALL_OK;
}

int vmp_write_mps(glp_prob *problem, int format, const char *path, int *result) {
    GUARDED(*result = glp_write_mps(problem, format, NULL, path));
    return VMP_CALL_OK;
}

int vmp_delete_problem(glp_prob *problem) {
    GUARDED(glp_delete_prob(problem));
    return VMP_CALL_OK;
}
