// The only C++ in vmplace: CBC/CLP calls inside try/catch (CoinError and anything else), so that
// no C++ exception crosses into Swift and nothing aborts. See Sources/CBCSolver/README.md.
#include "CBCShim.h"

#include <coin/Cbc_C_Interface.h>
#include <coin/Clp_C_Interface.h>
#include <coin/CoinError.hpp>

#include <cstdio>
#include <exception>
#include <mutex>
#include <string>
#include <vector>

namespace {

std::mutex &cbcLock() {
    static std::mutex lock;
    return lock;
}

void copyMessage(const std::string &text, char *message, int size) {
    if (message == nullptr || size <= 0) return;
    std::snprintf(message, static_cast<size_t>(size), "%s", text.c_str());
}

/// Runs `body`; turns any exception into VMP_CBC_EXCEPTION with its message.
template <typename Body> int guarded(char *message, int size, Body body) {
    try {
        return body();
    } catch (CoinError &error) {
        copyMessage(error.className() + "::" + error.methodName() + ": " + error.message(), message, size);
    } catch (std::exception &error) {
        copyMessage(error.what(), message, size);
    } catch (...) {
        copyMessage("unknown C++ exception", message, size);
    }
    return VMP_CBC_EXCEPTION;
}

}  // namespace

extern "C" const char *vmp_cbc_version(void) { return Cbc_getVersion(); }

extern "C" int vmp_cbc_solve(const vmp_cbc_problem *problem, const vmp_cbc_options *options,
                             double *values, vmp_cbc_result *result, char *message, int message_size) {
    std::lock_guard<std::mutex> hold(cbcLock());
    return guarded(message, message_size, [&]() -> int {
        Cbc_Model *model = Cbc_newModel();
        if (model == nullptr) return VMP_CBC_NO_MODEL;
        struct Deleter { Cbc_Model *model; ~Deleter() { Cbc_deleteModel(model); } } deleter{model};
        Cbc_loadProblem(model, problem->column_count, problem->row_count, problem->start, problem->index,
                        problem->value, problem->column_lower, problem->column_upper, problem->objective,
                        problem->row_lower, problem->row_upper);
        Cbc_setObjSense(model, problem->maximize ? -1.0 : 1.0);
        for (int column = 0; column < problem->column_count; ++column) {
            if (problem->is_integer[column]) Cbc_setInteger(model, column);
        }
        Cbc_setLogLevel(model, options->log_level);
        if (options->time_limit > 0) Cbc_setMaximumSeconds(model, options->time_limit);
        if (options->relative_gap >= 0) Cbc_setAllowableFractionGap(model, options->relative_gap);
        Cbc_setParameter(model, "threads", "0");
        if (options->incumbent != nullptr) {
            std::vector<int> columns(static_cast<size_t>(problem->column_count));
            for (int column = 0; column < problem->column_count; ++column) columns[static_cast<size_t>(column)] = column;
            Cbc_setMIPStartI(model, problem->column_count, columns.data(), options->incumbent);
        }
        Cbc_solve(model);
        result->status = Cbc_status(model);
        result->secondary_status = Cbc_secondaryStatus(model);
        result->proven_optimal = Cbc_isProvenOptimal(model);
        result->proven_infeasible = Cbc_isProvenInfeasible(model);
        result->continuous_unbounded = Cbc_isContinuousUnbounded(model);
        result->seconds_limit_reached = Cbc_isSecondsLimitReached(model);
        result->abandoned = Cbc_isAbandoned(model);
        result->nodes = Cbc_getNodeCount(model);
        result->best_bound = Cbc_getBestPossibleObjValue(model);
        const double *best = Cbc_bestSolution(model);
        result->has_solution = best != nullptr ? 1 : 0;
        if (best != nullptr) {
            for (int column = 0; column < problem->column_count; ++column) values[column] = best[column];
            result->objective = Cbc_getObjValue(model);
        }
        return VMP_CBC_OK;
    });
}

extern "C" int vmp_clp_solve(const vmp_cbc_problem *problem, double time_limit, int log_level, double *primal,
                             double *row_duals, double *reduced_costs, vmp_clp_result *result, char *message,
                             int message_size) {
    return guarded(message, message_size, [&]() -> int {
        Clp_Simplex *model = Clp_newModel();
        if (model == nullptr) return VMP_CBC_NO_MODEL;
        struct Deleter { Clp_Simplex *model; ~Deleter() { Clp_deleteModel(model); } } deleter{model};
        Clp_loadProblem(model, problem->column_count, problem->row_count, problem->start, problem->index,
                        problem->value, problem->column_lower, problem->column_upper, problem->objective,
                        problem->row_lower, problem->row_upper);
        Clp_setOptimizationDirection(model, problem->maximize ? -1.0 : 1.0);
        Clp_setLogLevel(model, log_level);
        if (time_limit > 0) Clp_setMaximumSeconds(model, time_limit);
        Clp_initialPrimalSolve(model);
        result->status = Clp_status(model);
        result->objective = Clp_getObjValue(model);
        const double *columns = Clp_getColSolution(model);
        const double *duals = Clp_getRowPrice(model);
        const double *reduced = Clp_getReducedCost(model);
        for (int column = 0; column < problem->column_count; ++column) {
            primal[column] = columns[column];
            reduced_costs[column] = reduced[column];
        }
        for (int row = 0; row < problem->row_count; ++row) row_duals[row] = duals[row];
        return VMP_CBC_OK;
    });
}
