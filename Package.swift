// swift-tools-version:6.0
// kalm — a real-time call monitor. Licensed GPL-3.0-or-later (links FFTW, GPL-2.0-or-later).
import PackageDescription

let package = Package(
    name: "kalm",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kalm", targets: ["kalm"]),
        .library(name: "KalmDSP", targets: ["KalmDSP"]),
        .library(name: "KalmConversation", targets: ["KalmConversation"]),
        .library(name: "KalmPipeline", targets: ["KalmPipeline"]),
        .library(name: "KalmIO", targets: ["KalmIO"]),
        .library(name: "KalmHUD", targets: ["KalmHUD"]),
        // An ALSA capture device that can be busy or vanish, for the fault tests (alsa-lib
        // loads it by this file name; see Sources/CALSATestDevice/kalmtest.c).
        .library(name: "asound_module_pcm_kalmtest", type: .dynamic, targets: ["CALSATestDevice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CFFTW", pkgConfig: "fftw3f",
            providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(
            name: "CSndfile", pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(
            name: "CALSA", pkgConfig: "alsa",
            providers: [.apt(["libasound2-dev"])]),
        .target(name: "CAllocCounter"),
        .target(name: "CALSAQuiet", dependencies: ["CALSA"]),
        // PIC: alsa-lib's plugin symbol macros assume a shared build only when it is defined.
        .target(name: "CALSATestDevice", dependencies: ["CALSA"], cSettings: [.define("PIC")]),
        .target(name: "KalmTestSupport", dependencies: ["CSndfile"]),

        .target(
            name: "KalmDSP", dependencies: ["CFFTW"],
            // The per-hop path touches only preallocated buffers owned by one analyser;
            // dynamic exclusivity checks there cost ~2 % and guard nothing.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        // The same for the per-hop conversation and pipeline state (one owner, one thread).
        .target(name: "KalmConversation", swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(
            name: "KalmPipeline", dependencies: ["KalmDSP", "KalmConversation"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(
            name: "KalmIO",
            dependencies: [
                "CSndfile", "CALSA", "CALSAQuiet", "KalmPipeline", "KalmConversation", "KalmDSP",
            ]),
        .target(name: "KalmHUD", dependencies: ["KalmPipeline", "KalmConversation"]),
        .target(name: "KalmReport", dependencies: ["KalmIO", "KalmPipeline", "KalmConversation", "KalmDSP"]),
        .executableTarget(
            name: "kalm",
            dependencies: [
                "KalmIO", "KalmPipeline", "KalmConversation", "KalmDSP", "KalmHUD", "KalmReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "kalm-fuzz",
            dependencies: ["KalmIO", "KalmPipeline", "KalmReport"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(
            name: "kalm-bench",
            dependencies: ["KalmIO", "KalmPipeline", "KalmDSP", "CAllocCounter"]),

        .testTarget(name: "KalmDSPTests", dependencies: ["KalmDSP", "KalmTestSupport"]),
        .testTarget(name: "KalmConversationTests", dependencies: ["KalmConversation"]),
        .testTarget(name: "KalmPipelineTests", dependencies: ["KalmPipeline", "KalmDSP", "KalmTestSupport"]),
        .testTarget(name: "KalmIOTests", dependencies: ["KalmIO", "KalmPipeline", "KalmTestSupport"]),
        .testTarget(name: "kalmCLITests", dependencies: ["kalm", "kalm-fuzz", "KalmTestSupport"]),
        .testTarget(name: "KalmHUDTests", dependencies: ["KalmHUD", "KalmPipeline", "KalmConversation"]),
        .testTarget(name: "KalmReportTests", dependencies: ["KalmReport", "KalmIO", "KalmPipeline", "KalmConversation", "KalmDSP", "KalmTestSupport"]),
    ]
)
