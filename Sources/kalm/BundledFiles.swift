import Foundation

/// Files that ship with kalm (the bundled calls): in the checkout the executable was built in,
/// or installed in share/kalm beside its bin folder.
enum BundledFiles {
    /// Where `relative` is: beside the running executable or in one of its parent folders
    /// (a build folder inside the checkout), or in `share/kalm` beside its `bin` folder (an
    /// installed kalm, such as /usr/local/bin/kalm with /usr/local/share/kalm/Fixtures). Nil
    /// when it is in none of them.
    static func path(_ relative: String) -> String? {
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        var candidates = [folder.deletingLastPathComponent().appendingPathComponent("share/kalm/" + relative).path]
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent(relative).path)
            folder = folder.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
