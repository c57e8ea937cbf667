import CFFTW

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// FFTW's planner is not thread-safe; every plan is made (and destroyed) under this lock,
/// and kalm's wisdom (``FFTWisdom``) is imported under it before the first plan.
private final class PlannerLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var wisdomImported = false

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if !wisdomImported {
            wisdomImported = true
            _ = fftwf_import_wisdom_from_string(FFTWisdom.text)
        }
        return body()
    }
}

private let plannerLock = PlannerLock()

/// A real-to-complex FFT of one fixed size and its complex-to-real inverse, planned once.
///
/// This is the only type in kalm that touches FFTW. `init` allocates aligned buffers and
/// makes both plans (`fftwf_plan_dft_r2c_1d`, `fftwf_plan_dft_c2r_1d`) without timing
/// anything, so the same input gives bit-identical output in every run: from kalm's bundled
/// wisdom (``FFTWisdom``: FFTW's patient plans, about a quarter faster) where it applies,
/// otherwise with `FFTW_ESTIMATE`. `forward()` and `inverse()` only execute (`fftwf_execute`)
/// and never allocate.
public final class RealFFT {
    /// Transform length in samples.
    public let size: Int
    /// Number of complex bins, `size / 2 + 1`.
    public let binCount: Int
    /// Time-domain buffer: the input of `forward()` and the output of `inverse()`.
    public let real: UnsafeMutablePointer<Float>
    /// Frequency-domain buffer, interleaved re/im, `2 * binCount` floats.
    public let spectrum: UnsafeMutablePointer<Float>
    private let forwardPlan: fftwf_plan
    private let inversePlan: fftwf_plan

    /// Allocates the buffers and plans both directions.
    /// - Parameter size: transform length, even and at least 2.
    public init(size: Int) {
        precondition(size >= 2 && size % 2 == 0, "FFT size must be even")
        self.size = size
        self.binCount = size / 2 + 1
        let realRaw = fftwf_alloc_real(size)!
        let complexRaw = fftwf_alloc_complex(size / 2 + 1)!
        real = realRaw
        spectrum = UnsafeMutableRawPointer(complexRaw).bindMemory(to: Float.self, capacity: 2 * (size / 2 + 1))
        real.initialize(repeating: 0, count: size)
        spectrum.initialize(repeating: 0, count: 2 * binCount)
        let fromWisdom = UInt32(FFTW_PATIENT) | UInt32(FFTW_DESTROY_INPUT) | UInt32(FFTW_WISDOM_ONLY)
        let estimated = UInt32(FFTW_ESTIMATE) | UInt32(FFTW_DESTROY_INPUT)
        var planned = true
        (forwardPlan, inversePlan) = plannerLock.withLock {
            let forward = fftwf_plan_dft_r2c_1d(Int32(size), realRaw, complexRaw, fromWisdom)
            let inverse = fftwf_plan_dft_c2r_1d(Int32(size), complexRaw, realRaw, fromWisdom)
            planned = forward != nil && inverse != nil
            return (
                forward ?? fftwf_plan_dft_r2c_1d(Int32(size), realRaw, complexRaw, estimated)!,
                inverse ?? fftwf_plan_dft_c2r_1d(Int32(size), complexRaw, realRaw, estimated)!
            )
        }
        plannedFromWisdom = planned
    }

    /// Whether both plans came from kalm's bundled wisdom (else from `FFTW_ESTIMATE`).
    public let plannedFromWisdom: Bool

    /// Transforms `real` into `spectrum` (unnormalised). `real` may be overwritten.
    @inline(__always)
    public func forward() { fftwf_execute(forwardPlan) }

    /// Transforms `spectrum` into `real` (unnormalised: a round trip scales by `size`).
    /// `spectrum` may be overwritten.
    @inline(__always)
    public func inverse() { fftwf_execute(inversePlan) }

    deinit {
        plannerLock.withLock {
            fftwf_destroy_plan(forwardPlan)
            fftwf_destroy_plan(inversePlan)
        }
        fftwf_free(real)
        fftwf_free(UnsafeMutableRawPointer(spectrum))
    }
}
