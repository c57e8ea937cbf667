/// What the headless log tells the user while it runs: writing stopped working (a full disk,
/// a file-size limit) or works again.
public enum LogNotice: Sendable, Equatable {
    /// Lines can no longer be written to `path`; analysis goes on and lines are dropped.
    case failing(path: String, reason: String)
    /// Writing to `path` works again after `lostLines` lines were dropped.
    case resumed(path: String, lostLines: Int)
}
