import KalmConversation
import KalmIO

/// One-line, localised descriptions of kalm's errors, naming the file or device.
enum ErrorText {
    /// A capture device lost or back during a live session.
    static func describe(_ notice: DeviceNotice, _ lang: Language) -> String {
        switch notice {
        case .lost(let d, let r):
            return lang.pick(nl: "\(d): apparaat weggevallen (\(r)); kalm probeert het opnieuw te openen",
                             en: "\(d): device lost (\(r)); reopening")
        case .back(let d, let s):
            let away = String(format: "%.1f", s)
            return lang.pick(nl: "\(d): apparaat terug na \(away) s; het gat staat in het logboek",
                             en: "\(d): device back after \(away) s; the gap is in the log")
        case .unclocked(let d):
            return lang.pick(
                nl: "\(d): levert veel sneller dan de werkelijke tijd (geen klok, zoals ALSA's file-plugin); kalm wacht op de analyse in plaats van geluid te laten vallen, als met --accelerated",
                en: "\(d): delivers far faster than real time (no clock, as ALSA's file plugin); kalm waits for the analysis instead of dropping audio, as with --accelerated")
        case .oneSignal(let d, let s):
            let heard = String(format: "%.0f", s)
            return lang.pick(
                nl: "\(d): beide kanalen dragen hetzelfde signaal (de eerste \(heard) s); het kanaal van de klant is een kopie van dat van de agent: is dit het goede apparaat?",
                en: "\(d): both channels carry the same signal (the first \(heard) s); the customer's channel is a copy of the agent's: is this the right device?")
        }
    }

    /// The headless log failing to write, or writing again.
    static func describe(_ notice: LogNotice, _ lang: Language) -> String {
        switch notice {
        case .failing(let p, let r):
            return lang.pick(
                nl: "\(p): kan het logboek niet schrijven (\(r)); de analyse gaat door, het logboek gaat verder zodra schrijven weer lukt",
                en: "\(p): cannot write the log (\(r)); analysis goes on, logging resumes when writing works again")
        case .resumed(let p, let n):
            return lang.pick(nl: "\(p): logboek gaat verder (\(n) regels verloren)",
                             en: "\(p): logging resumed (\(n) lines lost)")
        }
    }

    /// A stereo file whose two channels carry one signal, analysed as one party.
    static func oneSignal(_ path: String, _ lang: Language) -> String {
        lang.pick(
            nl: "\(path): beide kanalen dragen hetzelfde signaal (één partij, als stereo opgeslagen); geanalyseerd als één partij",
            en: "\(path): both channels carry the same signal (one party stored as stereo); analysed as one party")
    }

    /// A stereo capture device whose two channels carry one signal, calibrated from the agent's channel.
    static func oneSignalCalibrated(_ device: String, _ lang: Language) -> String {
        lang.pick(
            nl: "\(device): beide kanalen dragen hetzelfde signaal; gekalibreerd op het kanaal van de agent alleen (gebruik --mono voor een monomicrofoon)",
            en: "\(device): both channels carry the same signal; calibrated from the agent's channel alone (use --mono for a mono microphone)")
    }

    static func describe(_ error: Error, _ lang: Language) -> String {
        guard let e = error as? KalmIOError else { return "\(error)" }
        switch e {
        case .fileNotFound(let p):
            return lang.pick(nl: "\(p): bestand bestaat niet", en: "\(p): no such file")
        case .isDirectory(let p):
            return lang.pick(nl: "\(p): is een map, geen bestand", en: "\(p): is a folder, not a file")
        case .unreadableAudio(let p, let r):
            if p.hasSuffix(".jsonl") {
                return lang.pick(nl: "\(p): is een logboek, geen opname; kalm report leest logboeken",
                                 en: "\(p): is a log, not a recording; kalm report reads logs")
            }
            return lang.pick(nl: "\(p): geen leesbaar audiobestand (\(r))", en: "\(p): not a readable audio file (\(r))")
        case .emptyAudio(let p):
            return lang.pick(nl: "\(p): bevat geen audio", en: "\(p): contains no audio")
        case .unsupportedSampleRate(let p, let rate):
            return lang.pick(
                nl: "\(p): samplefrequentie \(rate) Hz wordt niet ondersteund (8000-192000)",
                en: "\(p): sample rate \(rate) Hz is not supported (8000-192000)")
        case .tooManyChannels(let p, let n):
            return lang.pick(
                nl: "\(p): \(n) kanalen; kies met --channels A,K welke twee (agent, klant)",
                en: "\(p): \(n) channels; choose two with --channels A,C (agent, customer)")
        case .noSuchChannel(let p, let ch, let n):
            return lang.pick(nl: "\(p): kanaal \(ch) bestaat niet (het bestand heeft \(n) kanalen)",
                en: "\(p): channel \(ch) does not exist (the file has \(n) channels)")
        case .sampleRateMismatch(let p, let rate, let expected):
            return lang.pick(
                nl: "\(p): samplefrequentie \(rate) Hz, maar het agentbestand heeft \(expected) Hz",
                en: "\(p): sample rate \(rate) Hz, but the agent file has \(expected) Hz")
        case .notMono(let p, let n):
            return lang.pick(nl: "\(p): moet mono zijn, heeft \(n) kanalen", en: "\(p): must be mono, has \(n) channels")
        case .nonFiniteSample(let p, let s):
            let at = NumberText.string(s, decimals: 3)
            return lang.pick(nl: "\(p): ongeldige sample (NaN of oneindig) op \(at) s",
                en: "\(p): invalid sample (NaN or infinity) at \(at) s")
        case .truncated(let p, let expected, let read):
            return lang.pick(
                nl: "\(p): afgekapt bestand (header belooft \(expected) frames, \(read) gelezen)",
                en: "\(p): truncated file (header promises \(expected) frames, read \(read))")
        case .readFailed(let p, let r):
            return lang.pick(nl: "\(p): leesfout (\(r))", en: "\(p): read error (\(r))")
        case .tooLarge(let p, let limit):
            return lang.pick(nl: "\(p): groter dan \(limit >> 20) MiB; is dit het goede bestand?",
                             en: "\(p): larger than \(limit >> 20) MiB; is this the right file?")
        case .cannotWrite(let p, let r):
            return lang.pick(nl: "\(p): kan niet schrijven (\(r))", en: "\(p): cannot write (\(r))")
        case .notAFile(let p):
            return lang.pick(nl: "\(p): is een pijp of apparaat, geen bestand; sla de opname eerst op als bestand",
                             en: "\(p): is a pipe or device, not a file; save the recording to a file first")
        case .bothParties(let p):
            return lang.pick(nl: "\(p): is zowel de opname van de agent als die van de klant; geef elk de eigen opname",
                             en: "\(p): is both the agent's and the customer's recording; give each their own")
        case .outputIsInput(let p):
            return lang.pick(nl: "\(p): is ook invoer; kalm schrijft er niet overheen",
                             en: "\(p): is also an input; kalm will not write over it")
        case .outputTwice(let p):
            return lang.pick(nl: "\(p): genoemd voor twee uitvoerbestanden", en: "\(p): named for two outputs")
        case .sharedStandardOutput(let p):
            return lang.pick(
                nl: "\(p): de standaarduitvoer krijgt al een andere uitvoer; stuur er maar één heen",
                en: "\(p): standard output already takes another output; send only one there")
        case .badProfile(let p, let problem):
            return lang.pick(nl: "\(p): ongeldig profiel: ", en: "\(p): invalid profile: ") + profileProblem(problem, lang)
        case .notALog(let p):
            return lang.pick(nl: "\(p): geen logboek van kalm (geen sessiekop, geen gebeurtenissen)",
                             en: "\(p): not a kalm log (no session header, no events)")
        case .badBaseline(let p, let problem):
            return "\(p): " + baselineProblem(problem, lang)
        case .outdatedBaseline(let p):
            return lang.pick(
                nl: "\(p): kalibratie van een oudere kalm (niveau alleen van stemhebbende klanken); maak hem opnieuw met kalm calibrate",
                en: "\(p): calibration from an older kalm (level of voiced sounds only); make it again with kalm calibrate")
        case .deviceChannels(let d, let has, let needs):
            let one = has == 1...1
            let count = one ? lang.pick(nl: "1 kanaal", en: "1 channel")
                : (has.lowerBound == has.upperBound ? "\(has.lowerBound)" : "\(has.lowerBound)-\(has.upperBound)")
                    + lang.pick(nl: " kanalen", en: " channels")
            if needs == 2 {
                return lang.pick(
                    nl: "\(d): neemt \(count) op, niet 2 (agent links, klant rechts); geef bij een microfoon per partij --agent-device en --customer-device, of kalibreer met --mono",
                    en: "\(d): captures \(count), not 2 (agent left, customer right); with one microphone per party give --agent-device and --customer-device, or calibrate with --mono")
            }
            return lang.pick(nl: "\(d): neemt \(count) op, niet \(needs)", en: "\(d): captures \(count), not \(needs)")
        case .deviceRate(let d, let rate, let nearest):
            let hint = [8000, 16000, 48000].contains(nearest) ? lang.pick(nl: "; gebruik --rate \(nearest)", en: "; use --rate \(nearest)") : ""
            return lang.pick(nl: "\(d): neemt niet op met \(rate) Hz (dichtstbij: \(nearest) Hz)\(hint)",
                             en: "\(d): does not capture at \(rate) Hz (nearest: \(nearest) Hz)\(hint)")
        case .recordingExists(let p):
            return lang.pick(nl: "\(p): bestaat al; kalm schrijft niet over een opname heen",
                             en: "\(p): exists already; kalm does not write over a recording")
        case .recordingFormat(let p):
            return lang.pick(nl: "\(p): kalm neemt op als .wav of .flac", en: "\(p): kalm records to .wav or .flac")
        case .interrupted:
            return lang.pick(nl: "onderbroken; niets geschreven", en: "interrupted; nothing written")
        case .noSuchDevice(let d):
            return lang.pick(nl: "\(d): geen opnameapparaat met deze naam (kalm devices toont ze)",
                             en: "\(d): no such capture device (kalm devices lists them)")
        case .deviceBusy(let d):
            return lang.pick(nl: "\(d): in gebruik door een ander programma; sluit dat, of neem op via een dsnoop-apparaat",
                             en: "\(d): in use by another program; close it, or capture through a dsnoop device")
        case .deviceForbidden(let d):
            return lang.pick(nl: "\(d): geen toestemming om op te nemen (hoort de gebruiker bij de groep audio?)",
                             en: "\(d): no permission to capture (is the user in the audio group?)")
        case .deviceFailed(let d, let r):
            return lang.pick(nl: "\(d): audioapparaat werkt niet (\(r))", en: "\(d): audio device failed (\(r))")
        }
    }

    /// What is wrong with a calibration, or why none was made.
    static func baselineProblem(_ p: BaselineProblem, _ lang: Language) -> String {
        switch p {
        case .notJSON:
            return lang.pick(nl: "geen kalibratie van kalm (geen JSON-object)", en: "not a kalm calibration (no JSON object)")
        case .missingField(let f):
            return lang.pick(nl: "ongeldige kalibratie (veld \(f) ontbreekt)", en: "invalid calibration (field \(f) is missing)")
        case .notANumber(let f):
            return lang.pick(nl: "ongeldige kalibratie (\(f) is geen getal)", en: "invalid calibration (\(f) is not a number)")
        case .outOfRange:
            return lang.pick(nl: "ongeldige kalibratie (waarden buiten bereik)", en: "invalid calibration (values out of range)")
        case .tooLittleSpeech:
            return lang.pick(nl: "te weinig spraak; neem minstens 10 s rustig spreken op",
                             en: "too little speech; record at least 10 s of calm speaking")
        }
    }

    /// The field and what is wrong with it.
    static func profileProblem(_ p: ProfileError, _ lang: Language) -> String {
        switch p {
        case .syntax(let d): return d
        case .missingField(let f): return lang.pick(nl: "veld \(f) ontbreekt", en: "field \(f) is missing")
        case .unknownField(let f): return lang.pick(nl: "onbekend veld \(f)", en: "unknown field \(f)")
        case .wrongUnit(let f, let u, let e):
            return lang.pick(nl: "\(f): eenheid \"\(u)\", verwacht \"\(e)\"", en: "\(f): unit \"\(u)\", expected \"\(e)\"")
        case .outOfRange(let f, let v, let r):
            return lang.pick(nl: "\(f): \(v) ligt buiten \(r.lowerBound)...\(r.upperBound)",
                             en: "\(f): \(v) is outside \(r.lowerBound)...\(r.upperBound)")
        case .misordered(let f, let g):
            return lang.pick(nl: "\(f) moet kleiner zijn dan \(g)", en: "\(f) must be below \(g)")
        case .weightsDoNotSumToOne(let sum):
            return lang.pick(nl: "de gewichten tellen op tot \(sum), niet 1", en: "the weights add up to \(sum), not 1")
        }
    }
}
