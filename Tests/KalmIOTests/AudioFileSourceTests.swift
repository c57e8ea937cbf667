import Foundation
import KalmIO
import KalmPipeline
import KalmTestSupport
import Testing

@Suite struct AudioFileSourceTests {
    private let folder = try! WAVFile.temporaryFolder()

    private func path(_ name: String) -> String { folder + "/" + name }

    private func write(_ bytes: [UInt8], _ name: String) -> String {
        #expect(FileManager.default.createFile(atPath: path(name), contents: Data(bytes)))
        return path(name)
    }

    private func analyse(_ input: CallInput) throws -> CallSummary { try FileAnalysis.run(input, sink: nil) }

    @Test func readsStereoPCMAndFloat() throws {
        let tone = Signals.bursts([(0.2, 1.5)], seconds: 2, rate: 16000)
        let stereo = Signals.interleave(tone, Signals.silence(seconds: 2, rate: 16000))
        for encoding in [WAVFile.Encoding.pcm16, .float32] {
            let p = try WAVFile.write(stereo, rate: 16000, channels: 2, to: path("s.wav"), encoding: encoding)
            let input = try CallInput(path: p)
            #expect(input.layout == .stereo && input.sampleRate == 16000 && input.frameCount == 32000)
            let summary = try analyse(input)
            #expect(abs(summary.agent.talkTimeS - 1.3) < 0.15)
            #expect(summary.customer?.talkTimeS == 0)
        }
    }

    /// 16-bit samples (read as integers and scaled by kalm) come back as exactly n/32768,
    /// over reads longer than the integer block; float samples come back as written.
    @Test func sixteenBitSamplesComeBackExactly() throws {
        let samples: [Float] = (0..<10_000).map { Float(($0 * 7919) % 65536 - 32768) / 32768 }
        let written16 = samples.map { Float(Int16(max(-32768, min(32767, $0 * 32767)))) / 32768 }
        let files = [
            (try WAVFile.write(samples, rate: 8000, channels: 2, to: path("exact.wav")), written16),
            (try WAVFile.write(samples, rate: 8000, channels: 2, to: path("exact-f.wav"), encoding: .float32), samples),
        ]
        for (file, expected) in files {
            let source = try AudioFileSource(path: file)
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: samples.count)
            defer { buffer.deallocate() }
            var frames = 0
            while case let n = try source.read(into: buffer + frames * 2, maxFrames: 5000 - frames), n > 0 { frames += n }
            #expect(frames == 5000)
            #expect(Array(UnsafeBufferPointer(start: buffer, count: samples.count)) == expected, "\(file)")
        }
    }

    /// A one-party recording stored as stereo (the same samples twice, or one channel a
    /// scaled copy of the other) is that one party; two parties, even with heavy crosstalk,
    /// and a stereo file with one silent channel stay two.
    @Test func stereoCarryingOneSignalIsOneParty() throws {
        let rate = 8000
        let voice = Signals.bursts([(0.2, 1.0), (1.5, 2.5)], seconds: 3, rate: rate, f0: 140)
        let other = Signals.bursts([(1.1, 1.4), (2.6, 2.9)], seconds: 3, rate: rate, f0: 230)
        let withCrosstalk = Signals.mix(other, voice.map { $0 * 0.5 })
        let cases: [(String, [Float], Bool)] = [
            ("same", Signals.interleave(voice, voice), true),
            ("scaled", Signals.interleave(voice, voice.map { $0 * 0.3 }), true),
            ("two", Signals.interleave(voice, withCrosstalk), false),
            ("silent", Signals.interleave(voice, Signals.silence(seconds: 3, rate: rate)), false),
        ]
        for (name, samples, one) in cases {
            let p = try WAVFile.write(samples, rate: rate, channels: 2, to: path("\(name).wav"))
            let input = try CallInput(path: p)
            #expect(input.channelsCarryOneSignal == one, "\(name)")
            #expect((input.layout.customerChannel == nil) == one, "\(name)")
            #expect((try analyse(input).customer == nil) == one, "\(name)")
        }
    }

    @Test func agentChannelSwap() throws {
        let tone = Signals.bursts([(0.2, 1.5)], seconds: 2, rate: 8000)
        let p = try WAVFile.write(Signals.interleave(tone, Signals.silence(seconds: 2, rate: 8000)), rate: 8000, channels: 2, to: path("x.wav"))
        let summary = try analyse(CallInput(path: p, agentRight: true))
        #expect(summary.agent.talkTimeS == 0)
        #expect((summary.customer?.talkTimeS ?? 0) > 1)
    }

    @Test func twoMonoFilesOfDifferentLength() throws {
        let a = try WAVFile.write(Signals.bursts([(0.2, 1.0)], seconds: 1.5, rate: 16000), rate: 16000, channels: 1, to: path("a.wav"))
        let c = try WAVFile.write(Signals.bursts([(1.5, 2.5)], seconds: 3, rate: 16000), rate: 16000, channels: 1, to: path("c.wav"))
        let summary = try analyse(CallInput(agentPath: a, customerPath: c))
        #expect(summary.durationS == 3)
        #expect((summary.customer?.talkTimeS ?? 0) > 0.8)
    }

    @Test func aPipeOrDeviceIsNotARecording() {
        let fifo = path("pipe.wav")
        #expect(mkfifo(fifo, 0o600) == 0)
        for p in [fifo, "/dev/zero"] {
            #expect { try CallInput(path: p) } throws: { error in
                if case .notAFile(let q) = error as? KalmIOError { q == p } else { false }
            }
        }
    }

    @Test func oneFileForBothPartiesIsRefused() throws {
        let p = try WAVFile.write(Signals.sine(frequency: 200, seconds: 1, rate: 8000, amplitude: 0.3), rate: 8000, channels: 1,
                                  to: path("one.wav"))
        #expect { try CallInput(agentPath: p, customerPath: folder + "/./one.wav") } throws: { error in
            if case .bothParties(let q) = error as? KalmIOError { q == folder + "/./one.wav" } else { false }
        }
    }

    @Test func missingFile() {
        #expect(throws: KalmIOError.fileNotFound(path: path("nope.wav"))) { try CallInput(path: path("nope.wav")) }
        #expect(throws: KalmIOError.isDirectory(path: folder)) { try CallInput(path: folder) }
    }

    @Test func emptyAndNonAudioFiles() {
        let empty = write([], "empty.wav")
        let text = write(Array("this is not audio\n".utf8), "text.wav")
        for p in [empty, text] {
            #expect { try CallInput(path: p) } throws: { error in
                if case .unreadableAudio(let q, _) = error as? KalmIOError { q == p } else { false }
            }
        }
    }

    @Test func headerWithoutSamplesIsEmpty() {
        let p = write(WAVFile.bytes([], rate: 16000, channels: 1), "nodata.wav")
        #expect { try CallInput(path: p) } throws: { error in
            switch error as? KalmIOError {
            case .emptyAudio(let q)?, .unreadableAudio(let q, _)?: q == p
            default: false
            }
        }
    }

    @Test func truncatedFile() throws {
        let samples = Signals.sine(frequency: 200, seconds: 1, rate: 16000, amplitude: 0.3)
        let p = write(WAVFile.bytes(samples, rate: 16000, channels: 1, claimedDataBytes: 64000), "trunc.wav")
        #expect { try analyse(CallInput(path: p)) } throws: { error in
            if case .truncated(let q, let promised, let read) = error as? KalmIOError {
                q == p && promised == 32000 && read == 16000
            } else { false }
        }
    }

    /// Every coded format a call recorder may store reads whole: a GSM 6.10 WAV whose data
    /// chunk has an odd length (75 blocks of 65 bytes) makes libsndfile warn that the chunk
    /// "seems to be truncated", though nothing is missing.
    @Test(arguments: CodedAudioFile.Format.allCases)
    func codedRecordingsReadWhole(format: CodedAudioFile.Format) throws {
        let word = Signals.harmonic(f0: 140, seconds: 1, rate: 8000, amplitude: 0.3)
        let samples = Signals.silence(seconds: 0.5, rate: 8000) + word + Signals.silence(seconds: 1.5, rate: 8000)
        let p = path("coded-\(format).\(format.fileExtension)")
        #expect(CodedAudioFile.write(samples, rate: 8000, to: p, format: format))
        let summary = try analyse(CallInput(path: p))
        #expect(abs(summary.durationS - 3) < 0.05)
        #expect(abs(summary.agent.talkTimeS - 1) < 0.15)
    }

    /// An MP3 without a Xing or Info frame, as sox and many recorders write it: libsndfile
    /// then estimates its length from the file size, more frames than it holds (here 2.6
    /// times as many; on a call sox encoded, 0.2 % more). It reads whole, not as a truncated
    /// file.
    @Test func mp3WithoutLengthTagReadsWhole() throws {
        let rate = 44100
        let word = Signals.harmonic(f0: 140, seconds: 1, rate: rate, amplitude: 0.3)
        let samples = Signals.silence(seconds: 0.5, rate: rate) + word + Signals.silence(seconds: 1.5, rate: rate)
        let p = path("untagged.mp3")
        #expect(CodedAudioFile.write(samples, rate: rate, to: p, format: .mp3))
        let tagged = try Data(contentsOf: URL(fileURLWithPath: p))
        // The first frame carries the tag; MPEG-1 Layer III at 44.1 kHz: 144 x bit rate / 44100
        // bytes, plus one when the padding bit is set.
        let kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
        let header = tagged[tagged.startIndex + 2]
        #expect(String(decoding: tagged.prefix(64), as: UTF8.self).contains("Xing"))
        let frameBytes = 144 * kbps[Int(header >> 4)] * 1000 / rate + Int((header >> 1) & 1)
        try tagged.dropFirst(frameBytes).write(to: URL(fileURLWithPath: p))
        let source = try AudioFileSource(path: p)
        #expect(source.frameCount > samples.count)
        let summary = try analyse(CallInput(path: p))
        #expect(abs(summary.durationS - 3) < 0.1)
        #expect(abs(summary.agent.talkTimeS - 1) < 0.15)
    }

    /// A coded or non-WAV file cut short names what is missing (AIFF and Wave64 log their
    /// sizes on other chunks than WAV's `data`).
    @Test(arguments: [CodedAudioFile.Format.gsm610WAV, .muLawWAV, .aiff, .wave64])
    func truncatedContainers(format: CodedAudioFile.Format) throws {
        let p = path("cut-\(format).\(format.fileExtension)")
        #expect(CodedAudioFile.write(Signals.sine(frequency: 200, seconds: 2, rate: 8000, amplitude: 0.3), rate: 8000, to: p, format: format))
        let size = try #require(FileManager.default.attributesOfItem(atPath: p)[.size] as? Int)
        let handle = try #require(FileHandle(forUpdatingAtPath: p))
        try handle.truncate(atOffset: UInt64(size * 6 / 10))
        try handle.close()
        #expect { try analyse(CallInput(path: p)) } throws: { error in
            if case .truncated(let q, let promised, let read) = error as? KalmIOError {
                q == p && read < promised && promised > 15000
            } else { false }
        }
    }

    @Test func absurdSampleRate() {
        let p = write(WAVFile.bytes(Signals.silence(seconds: 0.1, rate: 8000), rate: 1, channels: 1), "rate.wav")
        #expect { try CallInput(path: p) } throws: { error in
            switch error as? KalmIOError {
            case .unsupportedSampleRate(let q, _)?, .unreadableAudio(let q, _)?: q == p
            default: false
            }
        }
    }

    @Test func nanSampleNamesTheTime() throws {
        var samples = Signals.sine(frequency: 200, seconds: 1, rate: 16000, amplitude: 0.3)
        samples[8000] = .nan
        let p = try WAVFile.write(samples, rate: 16000, channels: 1, to: path("nan.wav"), encoding: .float32)
        #expect(throws: KalmIOError.nonFiniteSample(path: p, seconds: 0.5)) { try analyse(CallInput(path: p)) }
        // Stereo, an infinity in the right channel at a sample that does not start a block of 8.
        var stereo = Signals.sine(frequency: 200, seconds: 2, rate: 16000, amplitude: 0.3)
        stereo[2 * 12345 + 1] = -.infinity
        let q = try WAVFile.write(stereo, rate: 16000, channels: 2, to: path("inf.wav"), encoding: .float32)
        #expect(throws: KalmIOError.nonFiniteSample(path: q, seconds: 12345.0 / 16000)) { try analyse(CallInput(path: q)) }
    }

    @Test func moreThanTwoChannelsNeedAChoice() throws {
        let three = (0..<(3 * 8000)).map { Float($0 % 3) * 0.1 }
        let p = try WAVFile.write(three, rate: 8000, channels: 3, to: path("three.wav"))
        #expect(throws: KalmIOError.tooManyChannels(path: p, channels: 3)) { try CallInput(path: p) }
        #expect(try CallInput(path: p, channels: (2, 0)).layout == PartyLayout(agentChannel: 2, customerChannel: 0))
        #expect(throws: KalmIOError.noSuchChannel(path: p, channel: 4, channels: 3)) { try CallInput(path: p, channels: (3, 0)) }
    }
}
