/* GLPKShim — turns GLPK's fatal errors into return codes.
 *
 * GLPK calls abort() on invalid input unless an error hook is installed. The hook set here
 * longjmps back into the guarded wrapper that made the call (setjmp cannot be used from Swift),
 * then calls glp_free_env() as the GLPK manual demands. That frees EVERY GLPK object of the
 * calling thread: the caller must treat all of them as gone (compare
 * vmp_environment_generation() before and after).
 *
 * All state here is thread-local, like Debian's GLPK environment. A longjmp never crosses a
 * Swift frame: the branch-and-bound callback is the C function in GLPKShim.c and reads only the
 * plain data in vmp_mip_control.
 *
 * Part of vmplace, GPL-3.0-or-later. */
#ifndef VMPLACE_GLPK_SHIM_H
#define VMPLACE_GLPK_SHIM_H

#include <glpk.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Result of a guarded call (the GLPK routine's own return code is passed separately). */
enum {
    VMP_CALL_OK = 0,
    /** GLPK raised an error; message in vmp_error_text(); the thread's GLPK environment was freed. */
    VMP_CALL_GLPK_ERROR = 1,
};

/** What happens to GLPK's terminal output on this thread. */
enum {
    VMP_LOG_DISCARD = 0,          /* dropped (error messages are still captured) */
    VMP_LOG_CAPTURE = 1,          /* appended to the log buffer */
    VMP_LOG_CAPTURE_AND_ECHO = 2, /* appended to the log buffer and written to stderr */
};

/** Starts a session on the calling thread: installs the terminal hook and clears the log and
 * error buffers. Call before building a problem. */
void vmp_begin_session(int log_mode);

/** The log captured on this thread since vmp_begin_session (never NULL). */
const char *vmp_log_text(void);

/** The message of the last GLPK error caught on this thread (never NULL, "" if none). */
const char *vmp_error_text(void);

/** Number of times the GLPK environment of this thread was freed after an error. */
unsigned long vmp_environment_generation(void);

/** A whole problem as flat arrays. Names are NUL-terminated strings laid end to end.
 * Bounds use +/-HUGE_VAL for a missing side. Matrix arrays are 1-based (element 0 unused). */
typedef struct {
    const char *name;
    const char *objective_name;
    int maximize;
    double objective_offset;
    int column_count;
    const char *column_names;
    const double *column_lower;
    const double *column_upper;
    const double *column_objective;
    const unsigned char *column_is_integer;
    int row_count;
    const char *row_names;
    const double *row_lower;
    const double *row_upper;
    int element_count;
    const int *element_row;      /* ia[1..element_count] */
    const int *element_column;   /* ja[1..element_count] */
    const double *element_value; /* ar[1..element_count] */
} vmp_problem_data;

/** Creates and fills a problem (guarded). On success *problem is set; on error it is NULL. */
int vmp_build_problem(const vmp_problem_data *data, glp_prob **problem);

/** Guarded glp_simplex; *result receives its return code. */
int vmp_simplex(glp_prob *problem, const glp_smcp *parameters, int *result);

/** Input and output of the branch-and-bound callback. */
typedef struct {
    /* inputs, prepared by the caller */
    const double *incumbent;     /* 1-based, column_count + 1 entries, exactly integral; or NULL */
    int has_stop_objective;      /* stop as soon as the incumbent is at least as good as ... */
    double stop_objective;       /* ... this value */
    int integral_objective;      /* stop when the incumbent equals ceil(bound) (floor for max) */
    int maximize;
    /* outputs */
    int has_bound;               /* bound holds the best proven bound seen in the tree */
    double bound;
    int incumbent_status;        /* 0 not tried, 1 accepted, -1 rejected by glp_ios_heur_sol */
    int stopped_at_objective;
    int stopped_at_integral_bound;
    int node_count;              /* total nodes created */
} vmp_mip_control;

/** Guarded glp_intopt with the shim's callback (parameters' cb_func/cb_info are replaced). */
int vmp_intopt(glp_prob *problem, const glp_iocp *parameters, vmp_mip_control *control,
               int *result);

/** Guarded glp_write_lp (CPLEX LP format). */
int vmp_write_lp(glp_prob *problem, const char *path, int *result);

/** Guarded glp_write_mps; format is GLP_MPS_FILE (free) or GLP_MPS_DECK (fixed). */
int vmp_write_mps(glp_prob *problem, int format, const char *path, int *result);

/** Guarded glp_delete_prob. */
int vmp_delete_problem(glp_prob *problem);

#ifdef __cplusplus
}
#endif

#endif
