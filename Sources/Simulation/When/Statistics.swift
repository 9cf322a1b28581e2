/// Small statistics shared by the detectors (CloudSim `MathUtil` semantics).
enum Statistics {
    /// Calls `body` with `value(0..<count)` sorted ascending in a temporary buffer (no heap
    /// allocation for the detectors' ≤ 30 samples; the standard library's sort, as `sorted()`).
    /// - Complexity: O(n log n).
    @inline(__always)
    static func withSorted<R>(count: Int, _ value: (Int) -> Double, _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { temporary in
            var buffer = temporary
            for index in 0..<count { buffer[index] = value(index) }
            buffer.sort()
            return body(buffer)
        }
    }

    /// Median of sorted values (mean of the two middle values for an even count); 0 for none.
    @inline(__always)
    static func median(sorted: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = sorted.count
        if n == 0 { return 0 }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// Median (mean of the two middle values for an even count); 0 for no data.
    static func median(_ data: [Double]) -> Double {
        withSorted(count: data.count, { data[$0] }, { median(sorted: $0) })
    }

    /// Median absolute deviation from the median. One sort: the deviations |x − m| of the sorted
    /// data grow from the median outwards on both sides (rounding is monotone), so merging the
    /// two sides yields them in ascending order — the same values `sorted()` would give.
    static func medianAbsoluteDeviation(_ data: [Double]) -> Double {
        let n = data.count
        guard n > 0 else { return 0 }
        return withSorted(count: n, { data[$0] }, { sorted in
            let m = median(sorted: sorted)
            // Right side starts at the first value ≥ m; the left side walks down from just below it.
            var right = 0
            while right < n && sorted[right] < m { right += 1 }
            var left = right - 1
            // The (n / 2)-th deviation (0-based) and the one before it (for an even count).
            var previous = 0.0, current = 0.0
            for _ in 0...(n / 2) {
                previous = current
                let below = left >= 0 ? abs(sorted[left] - m) : Double.infinity
                let above = right < n ? abs(sorted[right] - m) : Double.infinity
                if below < above {
                    current = below
                    left -= 1
                } else {
                    current = above
                    right += 1
                }
            }
            return n % 2 == 1 ? current : (previous + current) / 2
        })
    }

    /// The verdict of `utilisation > 1 − safety·spread` without computing the spread, when its
    /// bounds decide it: a spread of `data` that lies in [0, max − min] (the IQR and the MAD do)
    /// gives a threshold in [1 − safety·(max − min), 1] for `safety` ≥ 0. Exact in floating point
    /// (subtraction and scaling are monotone), so a detector may call this before its sort.
    /// - Complexity: O(n), no allocation.
    @inline(__always)
    static func verdictFromSpreadBounds(utilisation: Double, safety: Double, data: [Double]) -> Bool? {
        guard safety >= 0, let first = data.first else { return nil }
        if utilisation > 1 { return true }
        var low = first, high = first
        for x in data { low = Swift.min(low, x); high = Swift.max(high, x) }
        return utilisation <= 1 - safety * (high - low) ? false : nil
    }

    /// Interquartile range as CloudSim computes it: sorted data, Q1 at index
    /// round(0.25·(n+1)) − 1 and Q3 at round(0.75·(n+1)) − 1 (round half up).
    static func interquartileRange(_ data: [Double]) -> Double {
        let n = data.count
        guard n > 0 else { return 0 }
        let q1 = min(n - 1, max(0, Int((0.25 * Double(n + 1) + 0.5).rounded(.down)) - 1))
        let q3 = min(n - 1, max(0, Int((0.75 * Double(n + 1) + 0.5).rounded(.down)) - 1))
        return withSorted(count: n, { data[$0] }, { $0[q3] - $0[q1] })
    }

    /// Weighted least-squares line y ≈ a + b·x; `nil` when degenerate.
    static func weightedLine(x: [Double], y: [Double], weights: [Double]) -> (a: Double, b: Double)? {
        var sw = 0.0, sx = 0.0, sy = 0.0
        for i in x.indices { sw += weights[i]; sx += weights[i] * x[i]; sy += weights[i] * y[i] }
        guard sw > 0 else { return nil }
        let mx = sx / sw, my = sy / sw
        var sxx = 0.0, sxy = 0.0
        for i in x.indices {
            sxx += weights[i] * (x[i] - mx) * (x[i] - mx)
            sxy += weights[i] * (x[i] - mx) * (y[i] - my)
        }
        guard sxx > 0 else { return nil }
        let b = sxy / sxx
        return (my - b * mx, b)
    }
}
