/// Vectorised inner loops of the per-hop analysis (8 floats at a time, then the rest).
public enum VectorMath {
    /// Sum of `x[i]^2` for `i < count`.
    @inline(__always)
    static func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Float { dot(x, x, count: count) }

    /// `out[i] = (a[i] * b[i]) * scale` for `i < count` (two roundings, in that order; a
    /// scale of 1 changes no product).
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, scaledBy scale: Float = 1,
        into out: UnsafeMutablePointer<Float>, count: Int
    ) {
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), ro = UnsafeMutableRawPointer(out)
        let s = SIMD8<Float>(repeating: scale)
        while i + 8 <= count {
            let v = ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            ro.storeBytes(of: v * s, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            out[i] = (a[i] * b[i]) * scale
            i += 1
        }
    }

    /// Sum of `a[i] * b[i]` for `i < count`.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 8 <= count {
            acc += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var total = acc.sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }

    /// `out[i] = (a[i] - offset) * b[i]` for `i < count`.
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<Float>, minus offset: Float, by b: UnsafePointer<Float>,
        into out: UnsafeMutablePointer<Float>, count: Int
    ) {
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), ro = UnsafeMutableRawPointer(out)
        let o = SIMD8<Float>(repeating: offset)
        while i + 8 <= count {
            let v = (ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - o)
                * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            ro.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            out[i] = (a[i] - offset) * b[i]
            i += 1
        }
    }

    /// Whether none of the `count` values (a multiple of 8) exceeds `limit`.
    @inline(__always)
    static func allAtMost(_ limit: Float, _ x: UnsafePointer<Float>, count: Int) -> Bool {
        var i = 0
        let raw = UnsafeRawPointer(x)
        let v = SIMD8<Float>(repeating: limit)
        while i + 8 <= count {
            if any(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) .> v) { return false }
            i += 8
        }
        return true
    }

    /// Power of `count` interleaved complex values into `power`; returns the sum of the
    /// powers weighted by `weights`.
    @inline(__always)
    static func power(
        interleaved spectrum: UnsafePointer<Float>, into power: UnsafeMutablePointer<Float>,
        weights: UnsafePointer<Float>, count: Int
    ) -> Float {
        var acc = SIMD8<Float>()
        var k = 0
        let rs = UnsafeRawPointer(spectrum), rw = UnsafeRawPointer(weights), rp = UnsafeMutableRawPointer(power)
        while k + 8 <= count {
            let lo = rs.loadUnaligned(fromByteOffset: k * 8, as: SIMD8<Float>.self)
            let hi = rs.loadUnaligned(fromByteOffset: k * 8 + 32, as: SIMD8<Float>.self)
            let lowRe: SIMD4<Float> = lo.evenHalf, lowIm: SIMD4<Float> = lo.oddHalf
            let highRe: SIMD4<Float> = hi.evenHalf, highIm: SIMD4<Float> = hi.oddHalf
            let low: SIMD4<Float> = lowRe * lowRe + lowIm * lowIm
            let high: SIMD4<Float> = highRe * highRe + highIm * highIm
            let sq = SIMD8<Float>(lowHalf: low, highHalf: high)
            rp.storeBytes(of: sq, toByteOffset: k * 4, as: SIMD8<Float>.self)
            acc += sq * rw.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
            k += 8
        }
        var total = acc.sum()
        while k < count {
            let p = spectrum[2 * k] * spectrum[2 * k] + spectrum[2 * k + 1] * spectrum[2 * k + 1]
            power[k] = p
            total += p * weights[k]
            k += 1
        }
        return total
    }

    /// `out[2i] = x[i]`, `out[2i + 1] = 0` for `i < count`: real values as complex ones.
    @inline(__always)
    static func interleaveWithZeros(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let rx = UnsafeRawPointer(x), ro = UnsafeMutableRawPointer(out)
        while i + 4 <= count {
            var pairs = SIMD8<Float>()
            pairs.evenHalf = rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD4<Float>.self)
            ro.storeBytes(of: pairs, toByteOffset: i * 8, as: SIMD8<Float>.self)
            i += 4
        }
        while i < count {
            out[2 * i] = x[i]
            out[2 * i + 1] = 0
            i += 1
        }
    }

    /// `out[i] = x[2 * i]` for `i < count`: one channel of a stereo hop. Reads no further
    /// than `x[2 * (count - 1)]`.
    @inline(__always)
    static func copyEveryOther(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let rx = UnsafeRawPointer(x), ro = UnsafeMutableRawPointer(out)
        // The last 16-float load of a block starting at 2i ends at x[2i + 15], inside the
        // range while i + 8 < count.
        while i + 8 < count {
            let low = rx.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Float>.self)
            let high = rx.loadUnaligned(fromByteOffset: i * 8 + 32, as: SIMD8<Float>.self)
            let even = SIMD8<Float>(lowHalf: low.evenHalf, highHalf: high.evenHalf)
            ro.storeBytes(of: even, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            out[i] = x[2 * i]
            i += 1
        }
    }

    /// Sum of `x[i]` for `from <= i < to`.
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, from: Int, to: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = from
        let raw = UnsafeRawPointer(x)
        while i + 8 <= to {
            acc += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var total = acc.sum()
        while i < to {
            total += x[i]
            i += 1
        }
        return total
    }

    /// The largest of `x[i]` for `from <= i < to` (`to > from`; no NaN).
    @inline(__always)
    static func maximum(_ x: UnsafePointer<Float>, from: Int, to: Int) -> Float {
        var i = from
        var largest = x[from]
        let raw = UnsafeRawPointer(x)
        if i + 8 <= to {
            var acc = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
            while i + 8 <= to {
                acc = acc.lanewiseMax(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
                i += 8
            }
            largest = acc.largestLane
        }
        while i < to {
            if x[i] > largest { largest = x[i] }
            i += 1
        }
        return largest
    }

    /// The first index `from <= i < to` with `x[i] == value`; such an index must exist.
    @inline(__always)
    static func firstIndex(of value: Float, in x: UnsafePointer<Float>, from: Int, to: Int) -> Int {
        var i = from
        let raw = UnsafeRawPointer(x)
        let v = SIMD8<Float>(repeating: value)
        while i + 8 <= to, !any(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) .== v) { i += 8 }
        while x[i] != value { i += 1 }
        return i
    }

    /// Whether all `count` values equal `value`.
    @inline(__always)
    static func allEqual(_ x: UnsafePointer<Float>, count: Int, to value: Float) -> Bool {
        var i = 0
        let raw = UnsafeRawPointer(x)
        let v = SIMD8<Float>(repeating: value)
        while i + 8 <= count {
            if any(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) .!= v) { return false }
            i += 8
        }
        while i < count {
            if x[i] != value { return false }
            i += 1
        }
        return true
    }

    /// Whether any of the blocks `x[k * block ..< (k + 1) * block]` that fit in `count` values
    /// holds one value throughout.
    @inline(__always)
    static func hasConstantBlock(_ x: UnsafePointer<Float>, count: Int, block: Int) -> Bool {
        var start = 0
        while start + block <= count {
            let first = x[start]
            var i = start + 1
            while i < start + block, x[i] == first { i += 1 }
            if i == start + block { return true }
            start += block
        }
        return false
    }

    /// The index of the first NaN or infinity among `count` values, or `nil` (a finite x has
    /// x - x == 0, and any NaN in a sum makes the sum NaN: 64 values are tested at a time).
    public static func firstNonFinite(_ x: UnsafePointer<Float>, count: Int) -> Int? {
        var i = 0
        let raw = UnsafeRawPointer(x)
        while i + 64 <= count {
            var acc = SIMD8<Float>()
            for k in Swift.stride(from: i, to: i + 64, by: 8) {
                let v = raw.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
                acc += v - v
            }
            if acc != SIMD8<Float>() { break }
            i += 64
        }
        while i < count {
            if !x[i].isFinite { return i }
            i += 1
        }
        return nil
    }

    /// Replaces NaN and infinities by 0 (a finite x has x - x == 0).
    @inline(__always)
    static func replaceNonFinite(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let raw = UnsafeMutableRawPointer(x)
        while i + 8 <= count {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let bad = .!((v - v) .== SIMD8<Float>())
            if any(bad) { raw.storeBytes(of: v.replacing(with: 0, where: bad), toByteOffset: i * 4, as: SIMD8<Float>.self) }
            i += 8
        }
        while i < count {
            if !x[i].isFinite { x[i] = 0 }
            i += 1
        }
    }
}

extension SIMD8 where Scalar: Comparable {
    /// Each lane's larger value, written lane by lane so that the optimiser makes one vector
    /// instruction of it (the standard library's `pointwiseMax` stayed an out-of-line call, a
    /// tenth of the analysis time). Same values as `pointwiseMax` for operands without NaN.
    @inline(__always)
    func lanewiseMax(_ other: Self) -> Self {
        var r = self
        for i in 0..<8 { r[i] = other[i] > self[i] ? other[i] : self[i] }
        return r
    }

    /// Each lane's smaller value (see ``lanewiseMax(_:)``).
    @inline(__always)
    func lanewiseMin(_ other: Self) -> Self {
        var r = self
        for i in 0..<8 { r[i] = other[i] < self[i] ? other[i] : self[i] }
        return r
    }

    /// The largest lane.
    @inline(__always)
    var largestLane: Scalar {
        let a = self[0] > self[4] ? self[0] : self[4], b = self[1] > self[5] ? self[1] : self[5]
        let c = self[2] > self[6] ? self[2] : self[6], d = self[3] > self[7] ? self[3] : self[7]
        let e = a > c ? a : c, f = b > d ? b : d
        return e > f ? e : f
    }
}
