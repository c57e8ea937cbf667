import CSndfile

/// Writes test audio through libsndfile in the coded formats and containers call recorders
/// store: G.711, GSM 6.10, IMA and MS ADPCM in WAV, FLAC, AIFF, Wave64, MP3 and Ogg Vorbis.
public enum CodedAudioFile {
    /// A container and encoding libsndfile writes.
    public enum Format: CaseIterable, Sendable {
        case muLawWAV, aLawWAV, gsm610WAV, imaADPCMWAV, msADPCMWAV, flac, aiff, wave64, mp3, oggVorbis

        /// The file name extension.
        public var fileExtension: String {
            switch self {
            case .flac: "flac"
            case .aiff: "aiff"
            case .wave64: "w64"
            case .mp3: "mp3"
            case .oggVorbis: "ogg"
            default: "wav"
            }
        }

        var code: Int32 {
            switch self {
            case .muLawWAV: Int32(SF_FORMAT_WAV) | Int32(SF_FORMAT_ULAW)
            case .aLawWAV: Int32(SF_FORMAT_WAV) | Int32(SF_FORMAT_ALAW)
            case .gsm610WAV: Int32(SF_FORMAT_WAV) | Int32(SF_FORMAT_GSM610)
            case .imaADPCMWAV: Int32(SF_FORMAT_WAV) | Int32(SF_FORMAT_IMA_ADPCM)
            case .msADPCMWAV: Int32(SF_FORMAT_WAV) | Int32(SF_FORMAT_MS_ADPCM)
            case .flac: Int32(SF_FORMAT_FLAC) | Int32(SF_FORMAT_PCM_16)
            case .aiff: Int32(SF_FORMAT_AIFF) | Int32(SF_FORMAT_PCM_16)
            case .wave64: Int32(SF_FORMAT_W64) | Int32(SF_FORMAT_PCM_16)
            case .mp3: Int32(SF_FORMAT_MPEG) | Int32(SF_FORMAT_MPEG_LAYER_III)
            case .oggVorbis: Int32(SF_FORMAT_OGG) | Int32(SF_FORMAT_VORBIS)
            }
        }
    }

    /// Writes mono `samples` at `rate` to `path` in `format`.
    /// - Returns: whether libsndfile wrote the whole file.
    @discardableResult
    public static func write(_ samples: [Float], rate: Int, to path: String, format: Format) -> Bool {
        var info = SF_INFO()
        info.samplerate = Int32(rate)
        info.channels = 1
        info.format = format.code
        guard let file = sf_open(path, Int32(SFM_WRITE), &info) else { return false }
        let written = samples.withUnsafeBufferPointer { sf_writef_float(file, $0.baseAddress, sf_count_t($0.count)) }
        return sf_close(file) == 0 && written == samples.count
    }
}
