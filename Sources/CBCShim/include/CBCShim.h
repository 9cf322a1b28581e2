// The C face of the CBC quarantine: plain C types only, so that Swift imports it without C++.
// Every function catches every C++ exception CBC or CLP may throw and returns an error code with
// the message instead; nothing here calls abort().
#ifndef VMPLACE_CBC_SHIM_H
#define VMPLACE_CBC_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/// A model in column-major (CSC) form, as Cbc_loadProblem and Clp_loadProblem take it.
typedef struct {
    int column_count;
    int row_count;
    const double *column_lower;
    const double *column_upper;
    const double *objective;
    const unsigned char *is_integer;
    const double *row_lower;
    const double *row_upper;
    /// column_count + 1 starts into index/value.
    const int *start;
    const int *index;
    const double *value;
    int maximize;
} vmp_cbc_problem;

typedef struct {
    /// Seconds; <= 0 for none.
    double time_limit;
    /// Relative gap; < 0 for none.
    double relative_gap;
    /// One value per column, or NULL.
    const double *incumbent;
    /// CBC's log level (0 = silent).
    int log_level;
} vmp_cbc_options;

typedef struct {
    int status;
    int secondary_status;
    int proven_optimal;
    int proven_infeasible;
    int continuous_unbounded;
    int seconds_limit_reached;
    int abandoned;
    int has_solution;
    double objective;
    double best_bound;
    int nodes;
} vmp_cbc_result;

typedef struct {
    /// Clp_status: 0 optimal, 1 primal infeasible, 2 dual infeasible, 3 stopped, 4 errors.
    int status;
    double objective;
} vmp_clp_result;

/// Return codes.
enum { VMP_CBC_OK = 0, VMP_CBC_EXCEPTION = 1, VMP_CBC_NO_MODEL = 2 };

/// CBC's version string.
const char *vmp_cbc_version(void);

/// Solves the MIP with Cbc_solve. `values` has column_count entries (filled when has_solution).
/// Calls are serialised by a process-wide lock (CbcMain1 keeps static state).
int vmp_cbc_solve(const vmp_cbc_problem *problem, const vmp_cbc_options *options, double *values,
                  vmp_cbc_result *result, char *message, int message_size);

/// Solves the LP relaxation with CLP's primal simplex: primal values, row duals, reduced costs.
int vmp_clp_solve(const vmp_cbc_problem *problem, double time_limit, int log_level, double *primal,
                  double *row_duals, double *reduced_costs, vmp_clp_result *result, char *message,
                  int message_size);

#ifdef __cplusplus
}
#endif

#endif
