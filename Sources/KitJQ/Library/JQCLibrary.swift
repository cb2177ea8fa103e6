#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What jq gets from C for free: double-to-integer conversions as x86-64 performs them, and
/// C library functions Swift's Glibc module does not declare.
enum CLibrary {
    /// C's `(int)d` on x86-64 (cvttsd2si): truncation, INT_MIN when it does not fit (NaN too).
    static func int(_ d: Double) -> Int32 {
        guard d.isFinite, d > -2147483649.0, d < 2147483648.0 else { return .min }
        return Int32(d.rounded(.towardZero))
    }

    /// C's `(long)d` or `(time_t)d` on x86-64: truncation, LONG_MIN when it does not fit.
    static func long(_ d: Double) -> Int {
        guard d.isFinite, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { return .min }
        return Int(d.rounded(.towardZero))
    }

    /// A function of the C library by name (for GNU and X/Open functions such as `exp10` and
    /// `strptime`, which need feature macros Swift's module map does not set).
    static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        #if os(Linux)
        return dlsym(nil, name)
        #else
        return dlsym(UnsafeMutableRawPointer(bitPattern: -2), name)  // RTLD_DEFAULT
        #endif
    }
}
