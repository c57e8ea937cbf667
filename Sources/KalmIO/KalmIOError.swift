import KalmConversation

/// Everything that can go wrong reading audio or writing results. Each case names the file
/// or device; the CLI renders it as one line in the user's language.
public enum KalmIOError: Error, Equatable, Sendable {
    /// The file does not exist.
    case fileNotFound(path: String)
    /// The path names a folder, not a file.
    case isDirectory(path: String)
    /// libsndfile could not open it (not audio, unsupported, corrupt header); `reason` is libsndfile's.
    case unreadableAudio(path: String, reason: String)
    /// The file holds no samples.
    case emptyAudio(path: String)
    /// The header's sample rate is outside what kalm analyses (8-192 kHz).
    case unsupportedSampleRate(path: String, rate: Int)
    /// More channels than parties and no choice of which two to use.
    case tooManyChannels(path: String, channels: Int)
    /// A chosen channel does not exist in the file.
    case noSuchChannel(path: String, channel: Int, channels: Int)
    /// The two mono files of a call differ in sample rate.
    case sampleRateMismatch(path: String, rate: Int, expected: Int)
    /// A separate party file is not mono.
    case notMono(path: String, channels: Int)
    /// A NaN or infinite sample at `seconds`.
    case nonFiniteSample(path: String, seconds: Double)
    /// The data ends before the header says it should.
    case truncated(path: String, expectedFrames: Int64, readFrames: Int64)
    /// Reading failed (no permission, an I/O error); `reason` is the system's.
    case readFailed(path: String, reason: String)
    /// A file read whole (a profile, a calibration, a log) is larger than `limit` bytes.
    case tooLarge(path: String, limit: Int)
    /// An output file could not be created or written; `reason` is the system's.
    case cannotWrite(path: String, reason: String)
    /// A second output named standard output, whose lines would mix with the first's.
    case sharedStandardOutput(path: String)
    /// A pipe or device where a recording was expected: the analysis reads a file twice
    /// (a stereo file's channels are compared first), which a pipe cannot give.
    case notAFile(path: String)
    /// One file given as both the agent's and the customer's recording.
    case bothParties(path: String)
    /// An output that names one of the command's input files (it would replace it).
    case outputIsInput(path: String)
    /// One file named for two outputs (the second would replace the first).
    case outputTwice(path: String)
    /// A profile file is unusable.
    case badProfile(path: String, problem: ProfileError)
    /// A `.jsonl` file given to the report holds neither a session header nor an event of kalm's.
    case notALog(path: String)
    /// A stored agent calibration is unusable.
    case badBaseline(path: String, problem: BaselineProblem)
    /// A stored agent calibration from an older kalm, whose level was measured on voiced hops
    /// only (`level_db`); it must be made again.
    case outdatedBaseline(path: String)
    /// An ALSA device that does not capture the channels asked for (2: agent and customer).
    case deviceChannels(device: String, has: ClosedRange<Int>, needs: Int)
    /// An ALSA device that does not capture at the rate asked for; `nearest` is its nearest.
    case deviceRate(device: String, rate: Int, nearest: Int)
    /// A recording asked for under a name that exists: kalm never writes over a recording.
    case recordingExists(path: String)
    /// A recording asked for in a format kalm does not record (it records .wav and .flac).
    case recordingFormat(path: String)
    /// A file's analysis stopped by a signal (Ctrl-C) before its end; nothing was written.
    case interrupted
    /// No ALSA capture device of this name (no such card, device or PCM definition).
    case noSuchDevice(device: String)
    /// An ALSA device another program holds.
    case deviceBusy(device: String)
    /// An ALSA device this user may not open.
    case deviceForbidden(device: String)
    /// An ALSA device could not be opened or configured; `reason` is ALSA's.
    case deviceFailed(device: String, reason: String)
}
